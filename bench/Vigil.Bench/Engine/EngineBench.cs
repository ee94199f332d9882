using System.Diagnostics;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Storage;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Head;

namespace Vigil.Bench.Engine;

/// <summary>
/// In-process PromQL engine benchmark: a generated data set in <see cref="MemoryStorage"/> and a fixed set of
/// dashboard-style range queries, timed over repeats. It measures the engine alone (no HTTP; no TSDB unless
/// <c>--storage=head</c>), so engine changes can be compared before and after. See bench/README.md.
/// </summary>
public static class EngineBench
{
    private const long StepMs = 15_000;

    /// <summary>The queries timed, each as a 1h range query at a 15s step over the end of the data.</summary>
    public static readonly string[] Queries =
    [
        "sum by (job) (rate(http_requests_total[5m]))",
        "histogram_quantile(0.9, sum by (le, job) (rate(request_duration_seconds_bucket[5m])))",
        "topk(5, rate(http_requests_total[5m]))",
        "avg_over_time(node_load[10m])",
        "sum without (instance) (node_load > 0.5)",
    ];

    /// <summary>
    /// Loads the data into the storage <paramref name="options"/> name, runs each query (the options' queries, or
    /// the standard set when there are none) the given number of times and prints min, median and p90.
    /// </summary>
    public static int Run(BenchOptions options)
    {
        IStorage storage = options.Storage == "head" ? new TsdbHead() : new MemoryStorage();
        var sw = Stopwatch.StartNew();
        var end = EngineData.Load(storage, options.Series, options.Hours, StepMs);
        Console.WriteLine($"loaded {options.Series} series x {options.Hours}h at 15s into {options.Storage} storage in {sw.Elapsed.TotalSeconds:0.0}s");
        TimeQueries(storage, options.Queries.Count > 0 ? options.Queries : Queries, end, options.Repeats);
        return 0;
    }

    /// <summary>The queries of the <c>engine-histograms</c> mode, over <see cref="HistogramEngineData"/>.</summary>
    public static readonly string[] HistogramQueries =
    [
        "sum by (job) (rate(request_latency_seconds[5m]))",
        "histogram_quantile(0.9, sum by (job) (rate(request_latency_seconds[5m])))",
        "histogram_count(rate(request_latency_seconds[5m]))",
        "sum by (job) (request_latency_seconds)",
        "sum by (job) (increase(request_latency_seconds[5m] smoothed))",
        "resets(request_latency_seconds[10m] anchored)",
    ];

    /// <summary>
    /// As <see cref="Run"/>, over native histograms (<see cref="HistogramEngineData"/>): the selectors then take the
    /// engine's histogram-reading path.
    /// </summary>
    public static int RunHistograms(BenchOptions options)
    {
        IStorage storage = options.Storage == "head" ? new TsdbHead() : new MemoryStorage();
        var sw = Stopwatch.StartNew();
        var end = HistogramEngineData.Load(storage, options.Series, options.Hours, StepMs);
        Console.WriteLine($"loaded {options.Series} histogram series x {options.Hours}h at 15s into {options.Storage} storage in {sw.Elapsed.TotalSeconds:0.0}s");
        TimeQueries(storage, options.Queries.Count > 0 ? options.Queries : HistogramQueries, end, options.Repeats);
        return 0;
    }

    // Each query as a 1h range query at 15s over the end of the data, timed over the repeats.
    private static void TimeQueries(IStorage storage, IEnumerable<string> queries, long end, int repeats)
    {
        var sw = new Stopwatch();
        // anchored and smoothed are behind promql-extended-range-selectors; the bench times evaluation, so all is on.
        var engine = new QueryEngine(new EngineOptions { Parser = ParserOptions.AllEnabled });
        var start = end - 3_600_000;
        foreach (var query in queries)
        {
            var times = new List<double>();
            var jsonTimes = new List<double>();
            var seriesOut = 0;
            var jsonBytes = 0;
            // One untimed run first: JIT, and the engine's pooled buffers grown to this query's size.
            engine.Range(storage, query, start, end, StepMs);
            var (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
            var (allocated, cpu) = (GC.GetTotalAllocatedBytes(), Environment.CpuUsage.TotalTime);
            for (var i = 0; i < repeats; i++)
            {
                sw.Restart();
                var result = engine.Range(storage, query, start, end, StepMs);
                times.Add(sw.Elapsed.TotalMilliseconds);
                seriesOut = ((MatrixValue)result.Value).Series.Count;
                sw.Restart();
                var bytes = JsonSize(result.Value);
                jsonTimes.Add(sw.Elapsed.TotalMilliseconds);
                jsonBytes = bytes;
            }
            times.Sort();
            jsonTimes.Sort();
            // The minimum is printed too: on a shared machine it is the figure least disturbed by other processes.
            // CPU time and allocations per run swell much less than wall time when other processes compete.
            var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / repeats;
            var mb = (GC.GetTotalAllocatedBytes() - allocated) / 1048576.0 / repeats;
            Console.WriteLine($"{times[0],9:0.0} ms min {Median(times),9:0.0} ms median {Percentile(times, 0.9),9:0.0} ms p90 " +
                $"{cpuMs,7:0.0} ms CPU {mb,7:0.0} MB alloc {GC.CollectionCount(0) - gen0,4} gen0 {GC.CollectionCount(2) - gen2,3} gen2 {seriesOut,6} series  {query}");
            Console.WriteLine($"{jsonTimes[0],9:0.0} ms min {Median(jsonTimes),9:0.0} ms median to write the result as the API's JSON ({jsonBytes / 1024} KiB)");
        }
    }

    // The result as /api/v1/query_range writes it (without HTTP), to split a query's cost from its answer's.
    private static int JsonSize(QueryValue value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            Vigil.Api.Prometheus.QueryResultJson.Write(w, value);
        }
        return buffer.WrittenCount;
    }

    private static double Median(List<double> sorted) => Percentile(sorted, 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
