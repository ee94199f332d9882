using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Bench.Parsing;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Loop;
using Vigil.Scrape.Targets;
using Vigil.Storage;
using Vigil.Tsdb;

namespace Vigil.Bench.Scrape;

/// <summary>
/// The scrape path of <c>vigil prometheus</c> in-process, without the network or a second server: scrape loops
/// (the production <see cref="ScrapeLoop"/>) over an in-memory HTTP handler that answers the synthetic bodies, appending
/// into a real TSDB (head and WAL in a temp directory). Stopwatch timings split each scrape into the storage's
/// <c>Append</c> calls, its <c>Commit</c>, and the rest (HTTP body copy, parsing, series cache, labels, staleness),
/// and it prints CPU and allocation per scrape. For finding and checking hot spots; see bench/README.md.
/// </summary>
public static class ScrapePathBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var scrapes = options.Repeats;
        var bodies = Enumerable.Range(0, SyntheticTargets.Rounds).Select(r => NodeExporterPayload.Build(options.Series, openMetrics: false, round: r)).ToArray();
        var dir = Directory.CreateTempSubdirectory("vigil-bench-scrapepath-").FullName;
        try
        {
            using var tsdb = TsdbStorage.Open(new TsdbOptions { Path = dir }, TimeProvider.System, NullLoggerFactory.Instance);
            var timing = new TimingStorage(tsdb);
            var config = new ScrapeConfig
            {
                JobName = "synthetic",
                ScrapeInterval = TimeSpan.FromSeconds(1),
                ScrapeTimeout = TimeSpan.FromSeconds(1),
                Discovery = new DiscoveryConfigs
                {
                    Static = [new StaticTargetGroup([.. Enumerable.Range(0, options.Targets).Select(i => $"target-{i}:9100")], new Dictionary<string, string>())],
                },
            };
            var handler = new BodyHandler(bodies);
            using var http = new HttpClient(handler);
            var loops = new TargetBuilder(config).FromStaticConfigs().Active
                .Select(t => new ScrapeLoop(t, new ScrapeOptions(config), timing.Appender, http, TimeProvider.System)).ToList();
            Console.WriteLine($"scrape path in-process: {loops.Count} targets x {options.Series} series, {scrapes} scrapes each, TSDB with WAL");
            // The first rounds create the series and JIT the code: measured apart, as a cold start.
            await RoundsAsync(loops, 3, timing, "warm-up (series created)");
            await RoundsAsync(loops, scrapes, timing, "steady state");
            foreach (var loop in loops)
            {
                await loop.DisposeAsync();
            }
            ParseOnly(bodies, scrapes * loops.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    private static async Task RoundsAsync(List<ScrapeLoop> loops, int rounds, TimingStorage timing, string label)
    {
        timing.Reset();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var gen2 = GC.CollectionCount(2);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var samples = 0L;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var loop in loops)
            {
                var health = await loop.ScrapeOnceAsync();
                if (health.Health != HealthState.Up)
                {
                    throw new InvalidOperationException($"scrape failed: {health.LastError}");
                }
                samples += health.LastSamples;
            }
            // One scrape per target per second in production: keep timestamps moving.
            await Task.Delay(2);
        }
        var scrapes = (double)rounds * loops.Count;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var appendMs = Stopwatch.GetElapsedTime(0, timing.AppendTicks).TotalMilliseconds;
        var commitMs = Stopwatch.GetElapsedTime(0, timing.CommitTicks).TotalMilliseconds;
        var wallMs = wall.Elapsed.TotalMilliseconds - (rounds * 2.0);
        Console.WriteLine($"{label}: {scrapes:0} scrapes, {samples / scrapes:0} samples each");
        Console.WriteLine($"  per scrape: wall {wallMs / scrapes:0.00} ms = append {appendMs / scrapes:0.00} + commit {commitMs / scrapes:0.00} " +
            $"+ rest (HTTP copy, parse, cache, labels, staleness) {(wallMs - appendMs - commitMs) / scrapes:0.00}; process CPU {cpuMs / scrapes:0.00} ms");
        Console.WriteLine($"  CPU s per million samples {cpuMs / 1000 / (samples / 1e6):0.000}; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / scrapes / 1e6:0.00} MB/scrape " +
            $"(append {timing.AppendBytes / scrapes / 1e6:0.00}, commit {timing.CommitBytes / scrapes / 1e6:0.00}); " +
            $"GCs {GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcs} (gen2 {GC.CollectionCount(2) - gen2})");
    }

    /// <summary>
    /// The parser alone over the same bodies, on this thread with nothing else running, so process CPU is its CPU:
    /// the share of a scrape's CPU that is parsing, whatever the machine's load does to wall-clock figures.
    /// </summary>
    private static void ParseOnly(byte[][] bodies, int scrapes)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var series = 0L;
        for (var i = 0; i < scrapes; i++)
        {
            var parser = new Vigil.Scrape.Parsing.PrometheusTextParser(bodies[i % bodies.Length]);
            Vigil.Scrape.Parsing.ExpositionEntry entry;
            while ((entry = parser.Next()) != Vigil.Scrape.Parsing.ExpositionEntry.End)
            {
                series += entry == Vigil.Scrape.Parsing.ExpositionEntry.Series ? 1 : 0;
            }
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine($"parse only (spans, no labels): process CPU {cpuMs / scrapes:0.00} ms per scrape of {series / scrapes} series");
    }

    /// <summary>Answers every request with the next body for its host, as <see cref="SyntheticTargets"/> does over HTTP.</summary>
    private sealed class BodyHandler(byte[][] bodies) : HttpMessageHandler
    {
        private readonly Dictionary<string, int> _served = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri!.Host;
            lock (_served)
            {
                _served[host] = _served.GetValueOrDefault(host) + 1;
                var content = new ByteArrayContent(bodies[_served[host] % bodies.Length]);
                content.Headers.TryAddWithoutValidation("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
            }
        }
    }

    /// <summary>Sums the time spent inside the storage's appenders.</summary>
    private sealed class TimingStorage(IStorage inner)
    {
        public long AppendTicks;
        public long CommitTicks;
        public long AppendBytes;
        public long CommitBytes;

        public IAppender Appender() => new TimingAppender(inner.Appender(), this);

        public void Reset() => (AppendTicks, CommitTicks, AppendBytes, CommitBytes) = (0, 0, 0, 0);

        private sealed class TimingAppender(IAppender inner, TimingStorage owner) : IAppender
        {
            public AppendStatus Append(Vigil.Model.Labels.LabelSet labels, long timestamp, double value)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                var status = inner.Append(labels, timestamp, value);
                owner.AppendTicks += Stopwatch.GetTimestamp() - start;
                owner.AppendBytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
                return status;
            }

            public AppendStatus Append(ref SeriesRef series, Vigil.Model.Labels.LabelSet labels, long timestamp, double value)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                var status = inner.Append(ref series, labels, timestamp, value);
                owner.AppendTicks += Stopwatch.GetTimestamp() - start;
                owner.AppendBytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
                return status;
            }

            public void Commit()
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                inner.Commit();
                owner.CommitTicks += Stopwatch.GetTimestamp() - start;
                owner.CommitBytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
            }

            public void Rollback() => inner.Rollback();
        }
    }
}
