using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.EndToEnd;

/// <summary>
/// The seed's whole path with Vigil making the alerts: <c>vigil prometheus</c> scrapes the real node exporter
/// with the InstanceDown rule and sends to the Alertmanager under test (real 0.25 or Vigil), which posts to
/// the Slack stand-in. Stopping the exporter must bring "[FIRING] InstanceDown"; restarting it, "[RESOLVED]".
/// </summary>
public sealed class VigilPrometheusEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task InstanceDown_ExporterStopsThenReturns_SlackGetsFiringThenResolved(AlertmanagerFlavor flavor)
    {
        await using var sink = await HttpSink.StartAsync();
        await using var am = await AlertmanagerServer.StartAsync(flavor, SeedConfig.AlertmanagerYaml(sink.Url("/slack")));
        var exporterAddress = FreePort.NextAddress();
        var exporter = StartExporter(exporterAddress);
        await using var prometheus = await RulesServer.StartAsync(PrometheusYaml(am.ListenAddress, exporterAddress), SeedConfig.RulesYaml(forDuration: "5s"));
        string Diagnostics() => am.Diagnostics() + "\n" + prometheus.Diagnostics() + "\n" + exporter.Diagnostics();
        await Poll.UntilAsync(
            async () => (await prometheus.Http.GetStringAsync("/api/v1/query?query=up")).Contains("\"1\"]", StringComparison.Ordinal),
            Deadline, "up == 1 for the node exporter in vigil prometheus", Diagnostics);

        await exporter.DisposeAsync();
        var firing = await sink.WaitForAsync(IsTitled("[FIRING] InstanceDown"), 1, Deadline, Diagnostics);
        exporter = StartExporter(exporterAddress);
        await using var restarted = exporter;
        await sink.WaitForAsync(IsTitled("[RESOLVED] InstanceDown"), 1, Deadline, Diagnostics);

        var message = firing[0].Json;
        Assert.Equal("#monitoring", (string?)message["channel"]);
        Assert.Equal($"*Description:* {exporterAddress} of job node has been down for more than 1 minute.",
            (string?)message["attachments"]![0]!["text"]);
        Assert.False(prometheus.Process.HasExited, prometheus.Diagnostics());
    }

    private static ManagedProcess StartExporter(string address) =>
        ManagedProcess.Start(RequiredProgram.NodeExporter, ["--web.listen-address=" + address]);

    private static Func<RecordedRequest, bool> IsTitled(string title) =>
        r => r.Path == "/slack" && (string?)r.Json["attachments"]?[0]?["title"] == title;

    private static string PrometheusYaml(string alertmanagerAddress, string exporterAddress) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 900ms
          evaluation_interval: 1s
        rule_files: [rules.yml]
        alerting:
          alertmanagers:
          - static_configs:
            - targets: ['{alertmanagerAddress}']
        scrape_configs:
        - job_name: node
          static_configs:
          - targets: ['{exporterAddress}']
        """;

    /// <summary><c>vigil prometheus</c> with a prometheus.yml and its rules.yml beside it.</summary>
    private sealed class RulesServer : ServerProcess
    {
        private RulesServer(ManagedProcess process, string address, TempDirectory dir)
            : base("vigil prometheus", process, address, dir)
        {
        }

        public static async Task<RulesServer> StartAsync(string configYaml, string rulesYaml)
        {
            var dir = new TempDirectory("vigil-e2e");
            var config = dir.Write("prometheus.yml", configYaml);
            dir.Write("rules.yml", rulesYaml);
            var address = FreePort.NextAddress();
            var process = await VigilBinary.StartAsync(
                ["prometheus", "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir.Path, "data"), "--web.listen-address=" + address]);
            var server = new RulesServer(process, address, dir);
            try
            {
                await server.WaitReadyAsync();
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }
}
