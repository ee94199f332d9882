using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Crash;

/// <summary>What a crash loop found: the run's counts, silences missing or changed after a restart, and the
/// audit of the notifications.</summary>
public sealed record CrashOutcome(string Summary, IReadOnlyList<string> SilenceProblems, DeliveryAudit.Outcome Audit, string Deliveries);

/// <summary>Rounds of: start on the same storage path, check every acknowledged silence, post the alerts, fire a
/// burst of silence POSTs, <c>kill -9</c> at a random moment; then one more start in which every round's group
/// must have been notified, and a short watch for repeats.</summary>
public static class CrashLoop
{
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

    public static async Task<CrashOutcome> RunAsync(AlertmanagerFlavor flavor, int seed, TimeSpan budget)
    {
        var random = new Random(seed);
        await using var sink = await HttpSink.StartAsync();
        using var storage = new TempDirectory("vigil-crash-storage");
        var loop = new Context(flavor, storage.Path, Config.Replace("%SINK%", sink.BaseUrl, StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < budget)
        {
            await RunRoundAsync(loop, random);
        }

        await FinalCheckAsync(loop, sink);
        var audit = DeliveryAudit.Audit(sink.On("/hook"), loop.Run.Kills);
        return new CrashOutcome(loop.Run.Summary(flavor, seed, loop.Silences, audit), loop.Problems, audit, sink.Describe());
    }

    /// <summary>Start, check, post alerts, fire a burst of silence POSTs, kill at a random moment.</summary>
    private static async Task RunRoundAsync(Context loop, Random random)
    {
        var round = loop.Run.BeginRound();
        var server = await CrashServer.StartAsync(loop.Flavor, loop.StoragePath, loop.Config);
        List<Task> burst = [];
        var amongWrites = false;
        try
        {
            loop.Run.Started(server.Process.Output);
            await VerifySilencesAsync(server, loop);
            await PostAlertsAsync(server, loop.Run.AlertsUpTo(round));
            // Half the kills land among the silence writes; the rest while notifications go out or after.
            amongWrites = random.Next(2) == 0;
            burst = [.. Enumerable.Range(0, random.Next(5, 25)).Select(_ => loop.Silences.CreateAsync(server.Http, random))];
            // Not waiting for a condition: this picks the moment of the kill.
            await Task.Delay(amongWrites ? random.Next(0, 40) : random.Next(150, 1200));
        }
        finally
        {
            await server.DisposeAsync(); // SIGKILL, then waits for the exit
        }

        loop.Run.Killed(amongWrites);
        await Task.WhenAll(burst);
    }

    /// <summary>One more start: silences checked, every round's alerts posted again, every group notified at least
    /// once, then a few group intervals more in which no unchanged group may be notified again.</summary>
    private static async Task FinalCheckAsync(Context loop, HttpSink sink)
    {
        await using var server = await CrashServer.StartAsync(loop.Flavor, loop.StoragePath, loop.Config);
        loop.Run.Started(server.Process.Output);
        await VerifySilencesAsync(server, loop);
        await PostAlertsAsync(server, loop.Run.AlertsUpTo(loop.Run.Rounds));
        await Poll.UntilAsync(
            () => NotifiedRounds(sink).Count == loop.Run.Rounds,
            FinalDeliveryDeadline,
            "a notification for every round's group",
            () => sink.Describe() + "\n" + server.Diagnostics());
        // An observation window, as in the differential tests: a repeat would arrive within a group interval.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }

    private static HashSet<string> NotifiedRounds(HttpSink sink) =>
        [.. sink.On("/hook").Select(d => d.Json["groupLabels"]?["round"]?.GetValue<string>() ?? "")];

    private static async Task VerifySilencesAsync(CrashServer server, Context loop)
    {
        var problems = await loop.Silences.VerifyAsync(server.Http);
        loop.Run.Verified(loop.Silences.Intact);
        if (problems.Count > 0)
        {
            loop.Problems.Add($"after restart {loop.Run.Rounds}:\n{string.Join('\n', problems)}\n{server.Diagnostics()}");
        }
    }

    private static async Task PostAlertsAsync(CrashServer server, JsonArray alerts)
    {
        using var content = new StringContent(alerts.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync("/api/v2/alerts", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/v2/alerts answered {(int)response.StatusCode}\n{server.Diagnostics()}");
        }
    }

    private sealed class Context(AlertmanagerFlavor flavor, string storagePath, string config)
    {
        public AlertmanagerFlavor Flavor { get; } = flavor;

        public string StoragePath { get; } = storagePath;

        public string Config { get; } = config;

        public CrashRun Run { get; } = new();

        public SilenceLedger Silences { get; } = new();

        public List<string> Problems { get; } = [];
    }
}
