using System.Diagnostics;
using Vigil.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// Prometheus 2.42 and <c>vigil prometheus</c> scrape the same scripted target with the same config and rules,
/// each sending to its own Alertmanager stand-in; the alerts each sends are compared alert by alert (labels,
/// annotations, firing/resolved sequence, startsAt/endsAt, generator URL). Prometheus's side must show every
/// scripted alert, so the test cannot pass with both sending nothing.
/// </summary>
public sealed class RulesDifferentialTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);

    /// <summary>After the last change: the last resolutions and two of their resends.</summary>
    private static readonly TimeSpan TailDeadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Alerts_ScriptedTargetChanges_VigilSendsWhatPrometheus242Sends()
    {
        var clock = Stopwatch.StartNew();
        // Published first (once per run), so that both servers start, and their rule clocks run, side by side.
        await VigilBinary.PathAsync();
        var published = clock.Elapsed;
        await using var target = await ScriptedTarget.StartAsync();
        AlertScript.Baseline(target);
        await using var prometheusSink = await HttpSink.StartAsync();
        await using var vigilSink = await HttpSink.StartAsync();
        var (prometheus, vigil) = await StartBothAsync(target, prometheusSink, vigilSink);
        await using var disposeProm = prometheus;
        await using var disposeVigil = vigil;
        string Diagnostics() => prometheus.Diagnostics() + "\n" + vigil.Diagnostics();
        await WaitScrapingAndEvaluatingAsync(prometheus, Diagnostics);
        await WaitScrapingAndEvaluatingAsync(vigil, Diagnostics);

        var ready = clock.Elapsed;
        var start = DateTimeOffset.UtcNow;
        RuleAlertsSnapshot? snapshot = null;
        var happened = await AlertScript.RunAsync(target, start, async step =>
        {
            if (step.Name == AlertScript.Snapshot)
            {
                snapshot = await SnapshotAsync(vigil, prometheus, new AlertChecks(start, new Dictionary<string, DateTimeOffset>()), start + AlertScript.SnapshotUntil);
            }
        });
        try
        {
            await Poll.UntilAsync(() => Complete(prometheusSink, start) && Complete(vigilSink, start), TailDeadline, "every scripted alert resolved and resent by both");
        }
        catch (TimeoutException)
        {
            // Compared anyway: the differences below say precisely what is missing.
        }

        var checks = new AlertChecks(start, happened);
        var ours = AlertEpisode.ByAlert(SentAlert.FromRequests(vigilSink.Requests), start);
        var theirs = AlertEpisode.ByAlert(SentAlert.FromRequests(prometheusSink.Requests), start);
        Print(checks, start, happened, ours, theirs);
        output.WriteLine($"vigil published after {published.TotalSeconds:0.0}s, servers ready after {ready.TotalSeconds:0.0}s, whole test {clock.Elapsed.TotalSeconds:0.0}s");
        foreach (var line in snapshot!.Describe(checks))
        {
            output.WriteLine(line);
        }
        var testProblems = checks.Script("prometheus", theirs).Concat(checks.SendRules("prometheus", theirs)).ToList();
        var differences = checks.Compare(ours, theirs).Concat(snapshot.Differences(checks))
            .Concat(checks.Script("vigil", ours)).Concat(checks.SendRules("vigil", ours)).ToList();
        Assert.True(testProblems.Count == 0,
            "Prometheus 2.42 did not do what the script expects (the test is wrong, or the machine too slow):\n"
            + string.Join("\n", testProblems) + "\n" + Diagnostics());
        Assert.True(differences.Count == 0, $"{differences.Count} differences (vigil against prometheus 2.42):\n" + string.Join("\n", differences));
    }

    /// <summary>
    /// Both servers' <c>/api/v1/alerts</c> and <c>/api/v1/rules</c>, retaken until they agree (a change may be seen
    /// by one side first: evaluations run at different offsets) or <paramref name="until"/> comes.
    /// </summary>
    private static async Task<RuleAlertsSnapshot> SnapshotAsync(ServerProcess vigil, ServerProcess prometheus, AlertChecks checks, DateTimeOffset until)
    {
        var snapshot = await RuleAlertsSnapshot.TakeAsync(vigil.Http, prometheus.Http);
        while (snapshot.Differences(checks).Any() && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            snapshot = await RuleAlertsSnapshot.TakeAsync(vigil.Http, prometheus.Http);
        }
        return snapshot;
    }

    private static async Task<(ServerProcess Prometheus, ServerProcess Vigil)> StartBothAsync(ScriptedTarget target, HttpSink prometheusSink, HttpSink vigilSink)
    {
        var prometheus = RulesServers.StartPrometheusAsync(target.Address, prometheusSink);
        var vigil = RulesServers.StartVigilAsync(target.Address, vigilSink);
        try
        {
            await Task.WhenAll(prometheus, vigil);
            return (prometheus.Result, vigil.Result);
        }
        catch
        {
            // One failed: the other must not outlive the test.
            foreach (var started in new[] { prometheus, vigil }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>Both jobs are scraped and the recording rule has a value: the script's changes will be seen.</summary>
    private static Task WaitScrapingAndEvaluatingAsync(ServerProcess server, Func<string> diagnostics) =>
        Poll.UntilAsync(
            async () =>
            {
                var recorded = await server.Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("job:requests:rate4s{job=\"app\"}"));
                var flakyUp = await server.Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("up{job=\"flaky\"} == 1"));
                return recorded.Contains("\"job\":\"app\"", StringComparison.Ordinal) && flakyUp.Contains("\"job\":\"flaky\"", StringComparison.Ordinal);
            },
            ReadyDeadline,
            $"{server.Name} scraping both jobs and recording job:requests:rate4s",
            diagnostics);

    /// <summary>Every expected alert has all its episodes and its last resolution was resent.</summary>
    private static bool Complete(HttpSink sink, DateTimeOffset start)
    {
        var alerts = AlertEpisode.ByAlert(SentAlert.FromRequests(sink.Requests), start);
        return AlertScript.Expected.All(expected => alerts
            .Where(a => expected.Matches(a.Key))
            .Any(a => a.Value.Count >= expected.Episodes.Count && a.Value[^1].ResolvedSends.Count() >= 2));
    }

    private void Print(AlertChecks checks, DateTimeOffset start, IReadOnlyDictionary<string, DateTimeOffset> happened,
        IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> ours, IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> theirs)
    {
        output.WriteLine($"script start {start:HH:mm:ss.fff}; " + string.Join(", ", happened.Select(h => $"{h.Key} {checks.At(h.Value)}")));
        foreach (var (side, alerts) in new[] { ("prometheus", theirs), ("vigil", ours) })
        {
            foreach (var (key, episodes) in alerts.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"{side} {key}: {checks.Describe(episodes)}; annotations {string.Join(" then ", episodes.SelectMany(e => e.Annotations).Distinct())}; {string.Join(", ", episodes.SelectMany(e => e.GeneratorPaths).Distinct())}");
            }
        }
    }
}
