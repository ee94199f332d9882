using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.EndToEnd;

/// <summary>The seed's whole path: Prometheus 2.42 scrapes a target with the seed's InstanceDown rule and
/// alerts the Alertmanager under test, which posts to the Slack stand-in with the seed's alertmanager.yml.
/// Stopping the target must bring "[FIRING] InstanceDown" to Slack; restarting it, "[RESOLVED] InstanceDown".</summary>
public sealed class SeedEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task InstanceDown_TargetStopsThenReturns_SlackGetsFiringThenResolved(AlertmanagerFlavor flavor)
    {
        await using var sink = await HttpSink.StartAsync();
        await using var am = await AlertmanagerServer.StartAsync(flavor, SeedConfig.AlertmanagerYaml(sink.Url("/slack")));
        var targetPort = FreePort.Next();
        var target = await MetricsTarget.StartAsync(targetPort);
        await using var prometheus = await PrometheusServer.StartAsync(PrometheusYaml(am.ListenAddress, targetPort),
            new Dictionary<string, string> { ["rules.yml"] = SeedConfig.RulesYaml(forDuration: "2s") });
        string Diagnostics() => am.Diagnostics() + "\n" + prometheus.Diagnostics();
        await WaitForTargetUpAsync(prometheus);

        await target.DisposeAsync();
        var firing = await sink.WaitForAsync(IsTitled("[FIRING] InstanceDown"), 1, Deadline, Diagnostics);
        target = await MetricsTarget.StartAsync(targetPort);
        await using var restarted = target;
        await sink.WaitForAsync(IsTitled("[RESOLVED] InstanceDown"), 1, Deadline, Diagnostics);

        var message = firing[0].Json;
        Assert.Equal("#monitoring", (string?)message["channel"]);
        Assert.Equal($"*Description:* 127.0.0.1:{targetPort} of job node has been down for more than 1 minute.",
            (string?)message["attachments"]![0]!["text"]);
        Assert.False(am.Process.HasExited, am.Diagnostics());
    }

    private static Func<RecordedRequest, bool> IsTitled(string title) =>
        r => r.Path == "/slack" && (string?)r.Json["attachments"]?[0]?["title"] == title;

    private static Task WaitForTargetUpAsync(PrometheusServer prometheus) =>
        Poll.UntilAsync(
            async () => (await prometheus.Http.GetStringAsync("/api/v1/query?query=up")).Contains("\"1\"]", StringComparison.Ordinal),
            Deadline,
            "up == 1 for the target in Prometheus",
            prometheus.Diagnostics);

    private static string PrometheusYaml(string alertmanagerAddress, int targetPort) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 500ms
          evaluation_interval: 1s
        rule_files: [rules.yml]
        alerting:
          alertmanagers:
          - static_configs:
            - targets: ['{alertmanagerAddress}']
        scrape_configs:
        - job_name: node
          static_configs:
          - targets: ['127.0.0.1:{targetPort}']
        """;
}
