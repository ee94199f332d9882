using Vigil.Bench.Scrape;

namespace Vigil.Bench.Rules;

/// <summary>
/// Rule evaluation, <c>vigil prometheus</c> against Prometheus 2.42 at the same time: both scrape the same
/// synthetic targets (default 5 x 20k = 100k series at 10s) and evaluate the same generated rule file (default
/// 1,000 rules in groups of 20 at 10s). After a warm-up, once per evaluation interval, it reads every group's
/// <c>prometheus_rule_group_last_duration_seconds</c> from each server's <c>/metrics</c>; it prints the median
/// over rounds of the summed group durations, the median and slowest group, CPU seconds over the window, rule
/// failures, and the ratios. See bench/README.md.
/// </summary>
public static class RulesBench
{
    /// <summary>Series in one full cycle of the four family kinds of the synthetic payload (256 + 64 + 48 + 96).</summary>
    private const int SeriesPerFamilyCycle = 464;

    private const int IntervalSeconds = 10;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var vigilBin = options.VigilBin is { Length: > 0 } bin ? bin : await VigilPublisher.PublishAsync();
        await using var targets = SyntheticTargets.Start(options.Targets, options.Series);
        var dir = Directory.CreateTempSubdirectory("vigil-bench-rules-").FullName;
        var ruleFile = Path.Combine(dir, "rules.yml");
        await File.WriteAllTextAsync(ruleFile, RuleFileGenerator.Build(options.Rules, 4 * (options.Series / SeriesPerFamilyCycle)));
        Console.WriteLine($"rules: {options.Rules} rules over {options.Targets} targets x {options.Series} series, scrape and evaluation every {IntervalSeconds}s, " +
            $"both servers at once; warm-up {options.WarmupSeconds}s, window {options.DurationSeconds}s" +
            (options.VigilFlags.Count > 0 ? $"; vigil flags: {string.Join(" ", options.VigilFlags)}" : ""));
        var config = targets.ScrapeConfig($"{IntervalSeconds}s", $"{IntervalSeconds}s", ruleFile);
        try
        {
            await using var real = await ServerUnderTest.StartAsync("prometheus 2.42", options.PrometheusBin, [], [], config, "--storage.tsdb.path");
            await using var ours = await ServerUnderTest.StartAsync("vigil", vigilBin, ["prometheus"], [.. options.VigilFlags], config, "--storage.tsdb.path");
            var results = await MeasureAsync([real, ours], options);
            Print(results);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    private static async Task<List<RulesResult>> MeasureAsync(IReadOnlyList<ServerUnderTest> servers, BenchOptions options)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
        var probes = servers.Select(s => new ServerMetrics(s)).ToList();
        try
        {
            var cpuBefore = servers.Select(s => s.CpuSeconds()).ToList();
            var rounds = servers.Select(_ => new List<Dictionary<string, double>>()).ToList();
            for (var elapsed = 0; elapsed < options.DurationSeconds; elapsed += IntervalSeconds)
            {
                await Task.Delay(TimeSpan.FromSeconds(IntervalSeconds));
                for (var i = 0; i < servers.Count; i++)
                {
                    rounds[i].Add(await probes[i].SamplesAsync("prometheus_rule_group_last_duration_seconds"));
                }
            }
            var results = new List<RulesResult>();
            for (var i = 0; i < servers.Count; i++)
            {
                var cpu = servers[i].CpuSeconds() - cpuBefore[i];
                var totals = rounds[i].Select(r => r.Values.Sum()).ToList();
                var perGroup = rounds[i][^1].Values.ToList();
                var evaluations = await probes[i].SumAsync("prometheus_rule_evaluations_total");
                var failures = await probes[i].SumAsync("prometheus_rule_evaluation_failures_total");
                var missed = await probes[i].SumAsync("prometheus_rule_group_iterations_missed_total");
                // The same rules over the same series must return as many samples on both: a cheap check that
                // the faster server is not faster by computing less.
                var returned = await probes[i].SumAsync("prometheus_rule_group_last_evaluation_samples");
                results.Add(new RulesResult(servers[i].Name, rounds[i][^1].Count, Median(totals), Median(perGroup), perGroup.DefaultIfEmpty(double.NaN).Max(),
                    cpu, evaluations, failures, missed, returned, servers[i].RssMiB()));
            }
            return results;
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Print(List<RulesResult> results)
    {
        Console.WriteLine($"{"",-16} {"groups",6} {"total ms",9} {"group p50 ms",13} {"group max ms",13} {"CPU s",7} {"RSS MiB",8} {"evaluations",12} {"failures",9} {"missed",7} {"samples/round",14}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Name,-16} {r.Groups,6} {r.TotalSeconds * 1000,9:0.0} {r.GroupMedianSeconds * 1000,13:0.00} {r.GroupMaxSeconds * 1000,13:0.00} {r.CpuSeconds,7:0.0} {r.RssMiB,8:0} {r.Evaluations,12:0} {r.Failures,9:0} {r.Missed,7:0} {r.SamplesReturned,14:0}");
        }
        var (p, v) = (results[0], results[1]);
        Console.WriteLine($"ratio vigil/prometheus (lower is better): total evaluation time {v.TotalSeconds / p.TotalSeconds:0.00}x, " +
            $"CPU over the window {v.CpuSeconds / p.CpuSeconds:0.00}x (scraping included), RSS {v.RssMiB / p.RssMiB:0.00}x");
    }

    private sealed record RulesResult(string Name, int Groups, double TotalSeconds, double GroupMedianSeconds, double GroupMaxSeconds,
        double CpuSeconds, double Evaluations, double Failures, double Missed, double SamplesReturned, double RssMiB);
}
