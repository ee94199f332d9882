namespace Vigil.Bench.Scrape;

/// <summary>
/// <c>vigil prometheus</c> and the real Prometheus 2.42 scrape the same synthetic targets (default 4 x 20k series
/// at 1s) at the same time with the same prometheus.yml. Over a fixed window after a warm-up it reads, per server,
/// the CPU seconds the process used, the samples its own head counted as appended, RSS at the end and the median
/// of its <c>scrape_duration_seconds</c>, and prints CPU seconds per million samples and the ratios. See bench/README.md.
/// </summary>
public static class ScrapeBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var vigilBin = options.VigilBin is { Length: > 0 } bin ? bin : await VigilPublisher.PublishAsync();
        await using var targets = SyntheticTargets.Start(options.Targets, options.Series);
        Console.WriteLine($"scrape: {options.Targets} targets x {options.Series} series ({targets.BodyBytes / 1e6:0.0} MB text each) at 1s, " +
            $"both servers at once; warm-up {options.WarmupSeconds}s, window {options.DurationSeconds}s");
        var config = targets.ScrapeConfig("1s");
        await using var real = await ServerUnderTest.StartAsync("prometheus 2.42", options.PrometheusBin, [], [], config, "--storage.tsdb.path");
        await using var ours = await ServerUnderTest.StartAsync("vigil", vigilBin, ["prometheus"], [], config, "--storage.tsdb.path");
        var results = await MeasureAsync([real, ours], options);
        Print(results);
        return 0;
    }

    /// <summary>Measures every server over the same window (readings taken back to back at both ends).</summary>
    internal static async Task<List<WindowResult>> MeasureAsync(IReadOnlyList<ServerUnderTest> servers, BenchOptions options)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
        var probes = servers.Select(s => new ServerMetrics(s)).ToList();
        try
        {
            var before = await Task.WhenAll(servers.Select((s, i) => ReadAsync(s, probes[i])));
            await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds));
            var after = await Task.WhenAll(servers.Select((s, i) => ReadAsync(s, probes[i])));
            var end = DateTimeOffset.UtcNow;
            var results = new List<WindowResult>();
            for (var i = 0; i < servers.Count; i++)
            {
                var durations = await probes[i].RawValuesAsync($"scrape_duration_seconds{{job=\"synthetic\"}}[{options.DurationSeconds}s]", end);
                durations.Sort();
                results.Add(new WindowResult(
                    servers[i].Name,
                    after[i].Cpu - before[i].Cpu,
                    after[i].Samples - before[i].Samples,
                    after[i].Rss,
                    durations.Count == 0 ? double.NaN : durations[durations.Count / 2],
                    durations.Count / (double)options.DurationSeconds / options.Targets));
            }
            return results;
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    private static async Task<Reading> ReadAsync(ServerUnderTest server, ServerMetrics probe)
    {
        var cpu = server.CpuSeconds();
        var samples = await probe.SumAsync("prometheus_tsdb_head_samples_appended_total");
        return new Reading(cpu, samples, server.RssMiB());
    }

    private static void Print(List<WindowResult> results)
    {
        Console.WriteLine($"{"",-16} {"CPU s",7} {"samples",11} {"CPU s/M samples",16} {"RSS MiB",8} {"scrape p50 ms",14} {"scrapes/s/target",17}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Name,-16} {r.CpuSeconds,7:0.0} {r.Samples,11:0} {r.CpuPerMillion,16:0.000} {r.RssMiB,8:0} {r.ScrapeP50Seconds * 1000,14:0.0} {r.ScrapesPerSecondPerTarget,17:0.00}");
        }
        var (p, v) = (results[0], results[1]);
        Console.WriteLine($"ratio vigil/prometheus (lower is better): CPU per sample {v.CpuPerMillion / p.CpuPerMillion:0.00}x, " +
            $"RSS {v.RssMiB / p.RssMiB:0.00}x, scrape duration p50 {v.ScrapeP50Seconds / p.ScrapeP50Seconds:0.00}x");
    }

    private sealed record Reading(double Cpu, double Samples, double Rss);
}

/// <summary>One server's figures over the measured window.</summary>
public sealed record WindowResult(string Name, double CpuSeconds, double Samples, double RssMiB, double ScrapeP50Seconds, double ScrapesPerSecondPerTarget)
{
    /// <summary>CPU seconds per million samples appended in the window.</summary>
    public double CpuPerMillion => CpuSeconds / (Samples / 1e6);
}
