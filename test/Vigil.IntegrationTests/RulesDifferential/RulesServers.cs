using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// Starts Prometheus 2.42 and <c>vigil prometheus</c> with the same <c>prometheus.yml</c>, rule file and flags,
/// each sending alerts to its own stand-in.
/// </summary>
public static class RulesServers
{
    /// <summary>The flags both get besides config, storage and listen address.</summary>
    public static readonly string[] SharedFlags =
    [
        "--web.external-url=" + RulesDifferentialConfig.ExternalUrl,
        "--rules.alert.resend-delay=" + (int)RulesDifferentialConfig.ResendDelay.TotalSeconds + "s",
    ];

    /// <summary>The real Prometheus 2.42.</summary>
    public static async Task<ServerProcess> StartPrometheusAsync(string targetAddress, HttpSink sink) =>
        await PrometheusServer.StartAsync(
                RulesDifferentialConfig.PrometheusYaml(targetAddress, new Uri(sink.BaseUrl).Authority),
                new Dictionary<string, string> { ["rules.yml"] = RulesDifferentialConfig.RulesYaml },
                SharedFlags);

    /// <summary><c>vigil prometheus</c>, the published binary.</summary>
    public static async Task<ServerProcess> StartVigilAsync(string targetAddress, HttpSink sink)
    {
        var server = await VigilRulesServer.LaunchAsync(
            RulesDifferentialConfig.PrometheusYaml(targetAddress, new Uri(sink.BaseUrl).Authority), RulesDifferentialConfig.RulesYaml);
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

    /// <summary><c>vigil prometheus</c> over a temp dir holding its config and rules.</summary>
    private sealed class VigilRulesServer : ServerProcess
    {
        private VigilRulesServer(ManagedProcess process, string address, TempDirectory dir)
            : base("vigil prometheus", process, address, dir)
        {
        }

        public static async Task<VigilRulesServer> LaunchAsync(string configYaml, string rulesYaml)
        {
            var dir = new TempDirectory("vigil-rulesdiff");
            var config = dir.Write("prometheus.yml", configYaml);
            dir.Write("rules.yml", rulesYaml);
            var address = FreePort.NextAddress();
            var process = await VigilBinary.StartAsync(
            [
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.Sub("data"),
                "--web.listen-address=" + address,
                .. SharedFlags,
            ]);
            return new VigilRulesServer(process, address, dir);
        }
    }
}
