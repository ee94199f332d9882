using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests.Crash;

/// <summary><c>kill -9</c> at random moments, also while silence POSTs are in flight and while notifications go
/// out; after each restart on the same <c>--storage.path</c>: every silence answered 200 is there unchanged, no
/// unchanged group is notified again before repeat_interval, and start-up never fails.</summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    /// <summary>Fixed, and printed: the same sequence of choices (burst sizes, kill delays) on every run.</summary>
    private const int Seed = 20261123;

    /// <summary>How long to keep crashing; the whole test takes this plus one final start.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan FinalDeliveryDeadline = TimeSpan.FromSeconds(30);

    /// <summary>group_wait 100ms, group_interval 500ms: a new group is notified within a round; repeat_interval
    /// 1h: any second notification of an unchanged group during the test is a duplicate.</summary>
    private const string Config = """
        route:
          receiver: hook
          group_by: [round]
          group_wait: 100ms
          group_interval: 500ms
          repeat_interval: 1h
        receivers:
        - name: hook
          webhook_configs:
          - url: '%SINK%/hook'
        """;

    [Fact]
    public async Task KillNine_AtRandomMoments_KeepsAckedSilencesAndSendsNoDuplicate()
    {
        var random = new Random(Seed);
        await using var sink = await HttpSink.StartAsync();
        using var storage = new TempDirectory("vigil-crash-storage");
        var config = Config.Replace("%SINK%", sink.BaseUrl, StringComparison.Ordinal);
        var silences = new SilenceLedger();
        var run = new CrashRun();
        var clock = Stopwatch.StartNew();

        while (clock.Elapsed < Budget)
        {
            await RunRoundAsync(storage.Path, config, random, silences, run);
        }

        await FinalCheckAsync(storage.Path, config, silences, run, sink);

        var audit = DeliveryAudit.Audit(sink.On("/hook"), run.Kills);
        output.WriteLine(run.Summary(Seed, silences, audit));
        Assert.True(audit.Duplicates.Count == 0, "duplicate notifications:\n" + string.Join('\n', audit.Duplicates) + "\n" + sink.Describe());
    }

    /// <summary>Start, check, post alerts, fire a burst of silence POSTs, kill at a random moment.</summary>
    private static async Task RunRoundAsync(string storagePath, string config, Random random, SilenceLedger silences, CrashRun run)
    {
        var round = run.BeginRound();
        var server = await CrashServer.StartAsync(storagePath, config);
        List<Task> burst = [];
        var amongWrites = false;
        try
        {
            run.Started(server.Process.Output);
            await VerifySilencesAsync(server, silences, run);
            await PostAlertsAsync(server, run.AlertsUpTo(round));
            // Half the kills land among the silence writes; the rest while notifications go out or after.
            amongWrites = random.Next(2) == 0;
            burst = [.. Enumerable.Range(0, random.Next(5, 25)).Select(_ => silences.CreateAsync(server.Http, random))];
            // Not waiting for a condition: this picks the moment of the kill.
            await Task.Delay(amongWrites ? random.Next(0, 40) : random.Next(150, 1200));
        }
        finally
        {
            await server.DisposeAsync(); // SIGKILL, then waits for the exit
        }

        run.Killed(amongWrites);

        await Task.WhenAll(burst);
    }

    /// <summary>One more start: silences checked, every round's alerts posted again, every group notified at least
    /// once, then a few group intervals more in which no unchanged group may be notified again.</summary>
    private static async Task FinalCheckAsync(string storagePath, string config, SilenceLedger silences, CrashRun run, HttpSink sink)
    {
        await using var server = await CrashServer.StartAsync(storagePath, config);
        run.Started(server.Process.Output);
        await VerifySilencesAsync(server, silences, run);
        await PostAlertsAsync(server, run.AlertsUpTo(run.Rounds));
        await Poll.UntilAsync(
            () => NotifiedRounds(sink).Count == run.Rounds,
            FinalDeliveryDeadline,
            "a notification for every round's group",
            () => sink.Describe() + "\n" + server.Diagnostics());
        // An observation window, as in the differential tests: a duplicate would arrive within a group interval.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }

    private static HashSet<string> NotifiedRounds(HttpSink sink) =>
        [.. sink.On("/hook").Select(d => d.Json["groupLabels"]?["round"]?.GetValue<string>() ?? "")];

    private static async Task VerifySilencesAsync(CrashServer server, SilenceLedger silences, CrashRun run)
    {
        var problems = await silences.VerifyAsync(server.Http);
        Assert.True(problems.Count == 0, "after a restart:\n" + string.Join('\n', problems) + "\n" + server.Diagnostics());
        run.Verified(silences.Acked);
    }

    private static async Task PostAlertsAsync(CrashServer server, JsonArray alerts)
    {
        using var content = new StringContent(alerts.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync("/api/v2/alerts", content);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v2/alerts answered {(int)response.StatusCode}\n{server.Diagnostics()}");
    }
}
