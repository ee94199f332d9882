using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Vigil.Api.Tests.Prometheus;

namespace Vigil.Bench.Engine;

/// <summary>
/// <c>vigil prometheus</c> against the real Prometheus 2.42, same data, one run: both are started, each is
/// loaded alone by remote write (the <see cref="EngineData"/> set, in time order, 10-minute slices), then each
/// runs <see cref="EngineBench.Queries"/> as 1h range queries at 15s over HTTP. Prints ingest rate, RSS growth
/// per series, query median/p90 and the ratios Vigil/Prometheus. See bench/README.md.
/// </summary>
public static class PrometheusBench
{
    private const long StepMs = 15_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var vigilBin = options.VigilBin is { Length: > 0 } bin ? bin : await VigilPublisher.PublishAsync();
        var series = EngineData.Series(options.Series);
        var values = EngineData.Values(series, options.Hours, StepMs);
        // Recent timestamps, as a live sender's: both TSDBs accept them without out-of-bounds surprises.
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / StepMs * StepMs) - (values[0].Length * StepMs);
        var bodies = Bodies(series, values, start).ToList();
        var samples = (long)series.Count * values[0].Length;
        Console.WriteLine($"data: {series.Count} series x {options.Hours}h at 15s = {samples} samples in {bodies.Count} remote write bodies");

        await using var real = await ServerUnderTest.StartAsync("prometheus 2.42", options.PrometheusBin, [], ["--web.enable-remote-write-receiver"], "global: {}\n", "--storage.tsdb.path");
        await using var ours = await ServerUnderTest.StartAsync("vigil", vigilBin, ["prometheus"], ["--web.enable-remote-write-receiver"], "global: {}\n", "--storage.tsdb.path");
        var end = start + ((values[0].Length - 1) * StepMs);
        var realResult = await MeasureAsync(real, bodies, samples, series.Count, end, options.Repeats);
        var oursResult = await MeasureAsync(ours, bodies, samples, series.Count, end, options.Repeats);

        Console.WriteLine($"{"",-18} {"ingest samples/s",18} {"RSS bytes/series",18} {"anon",8} {"file",8} {"after queries",14}");
        foreach (var r in new[] { realResult, oursResult })
        {
            Console.WriteLine($"{r.Name,-18} {r.SamplesPerSecond,18:0} {r.BytesPerSeries,18:0} {r.AnonPerSeries,8:0} {r.FilePerSeries,8:0} {r.AfterQueriesPerSeries,14:0}");
        }
        Console.WriteLine($"ratio vigil/prometheus: ingest {oursResult.SamplesPerSecond / realResult.SamplesPerSecond:0.00}x (higher is better), " +
            $"memory per series {oursResult.BytesPerSeries / realResult.BytesPerSeries:0.00}x (lower is better)");
        Console.WriteLine($"{"median ms (p90)",-34} {"prometheus",16} {"vigil",16} {"ratio",7}  query");
        for (var i = 0; i < EngineBench.Queries.Length; i++)
        {
            var (p, v) = (realResult.Latencies[i], oursResult.Latencies[i]);
            Console.WriteLine($"{"",-34} {$"{p.Median:0.0} ({p.P90:0.0})",16} {$"{v.Median:0.0} ({v.P90:0.0})",16} {v.Median / p.Median,7:0.00}  {EngineBench.Queries[i]}");
        }
        // Every run in order, and CPU per run: the first runs show warm-up (JIT tiering), and CPU time is less
        // disturbed than wall time when other processes compete for the cores.
        Console.WriteLine("runs in order, ms; CPU ms per run (server process)");
        for (var i = 0; i < EngineBench.Queries.Length; i++)
        {
            foreach (var (name, latency) in new[] { (realResult.Name, realResult.Latencies[i]), (oursResult.Name, oursResult.Latencies[i]) })
            {
                Console.WriteLine($"  {name,-16} [{string.Join(", ", latency.Runs.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}]; CPU {latency.CpuMsPerRun:0}  {EngineBench.Queries[i]}");
            }
        }
        return 0;
    }

    /// <summary>The remote write bodies of the data set: every series, 40 steps per body, in time order.</summary>
    internal static IEnumerable<byte[]> Bodies(List<Vigil.Model.Labels.LabelSet> series, double[][] values, long start)
    {
        const int stepsPerBody = 40;
        for (var from = 0; from < values[0].Length; from += stepsPerBody)
        {
            var to = Math.Min(from + stepsPerBody, values[0].Length);
            yield return RemoteWriteEncoder.Encode(series.Select((labels, s) => new RemoteWriteEncoder.Series(
                [.. labels.Select(l => (l.Name, l.Value))],
                [.. Enumerable.Range(from, to - from).Select(i => (start + (i * StepMs), values[s][i]))])));
        }
    }

    private static async Task<Result> MeasureAsync(ServerUnderTest server, List<byte[]> bodies, long samples, int seriesCount, long end, int repeats)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var idle = server.RssMiB();
        var idleSplit = server.RssSplitMiB();
        var clock = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("snappy");
            content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            using var response = await http.PostAsync("/api/v1/write", content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{server.Name} refused a write: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        var ingest = clock.Elapsed;
        var loaded = server.RssMiB();
        var loadedSplit = server.RssSplitMiB();
        var latencies = new List<Latency>();
        foreach (var query in EngineBench.Queries)
        {
            var path = $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Seconds(end - 3_600_000)}&end={Seconds(end)}&step=15";
            var times = new List<double>();
            var cpu = server.CpuSeconds();
            for (var i = 0; i < repeats; i++)
            {
                MarkJitLog(server, query, i);
                clock.Restart();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{server.Name} failed {query}: {(int)response.StatusCode}");
                }
            }
            var cpuMs = (server.CpuSeconds() - cpu) * 1000 / repeats;
            var inOrder = times.ToArray();
            times.Sort();
            latencies.Add(new Latency(times[times.Count / 2], times[Math.Min(times.Count - 1, (int)(times.Count * 0.9))], cpuMs, inOrder));
        }
        var perSeries = 1024.0 * 1024 / seriesCount;
        return new Result(server.Name, samples / ingest.TotalSeconds, (loaded - idle) * perSeries, latencies)
        {
            AnonPerSeries = (loadedSplit.Anon - idleSplit.Anon) * perSeries,
            FilePerSeries = (loadedSplit.File - idleSplit.File) * perSeries,
            AfterQueriesPerSeries = (server.RssMiB() - idle) * perSeries,
        };
    }

    // Diagnostic hook for JIT studies: when the server runs with DOTNET_JitDisasmSummary=1 and DOTNET_JitStdOutFile
    // set to VIGIL_BENCH_JIT_LOG (a wrapper script as --vigil-bin), VIGIL_BENCH_JIT_MARKS names a file that gets
    // the JIT log's length before each run, so the methods compiled during each run can be cut out of the log.
    private static void MarkJitLog(ServerUnderTest server, string query, int run)
    {
        if (Environment.GetEnvironmentVariable("VIGIL_BENCH_JIT_MARKS") is { Length: > 0 } marks
            && Environment.GetEnvironmentVariable("VIGIL_BENCH_JIT_LOG") is { Length: > 0 } log && File.Exists(log))
        {
            File.AppendAllText(marks, $"{server.Name}\t{run}\t{new FileInfo(log).Length}\t{query}\n");
        }
    }

    private static string Seconds(long ms) => (ms / 1000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>One query's figures on one server: median and p90 in ms, CPU ms per run, every run in order.</summary>
    private sealed record Latency(double Median, double P90, double CpuMsPerRun, double[] Runs);

    private sealed record Result(string Name, double SamplesPerSecond, double BytesPerSeries, List<Latency> Latencies)
    {
        /// <summary>Growth of anonymous resident memory (heaps) during the load, per series.</summary>
        public double AnonPerSeries { get; init; }

        /// <summary>Growth of file-backed resident pages (mapped files) during the load, per series.</summary>
        public double FilePerSeries { get; init; }

        /// <summary>RSS growth per series once the queries ran (they read mapped chunk pages in).</summary>
        public double AfterQueriesPerSeries { get; init; }
    }
}
