using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Harness;

/// <summary>The real Prometheus 2.42, started on a free port with a config and rule files written to a temp dir.</summary>
public sealed class PrometheusServer : ServerProcess
{
    private PrometheusServer(ManagedProcess process, string address, TempDirectory dir)
        : base("prometheus 2.42", process, address, dir)
    {
    }

    /// <summary>Starts Prometheus with <paramref name="configYaml"/>; <paramref name="files"/> (name to
    /// content, e.g. rule files) are written beside the config so relative paths resolve; <paramref name="extraArgs"/>
    /// are added to the command line (e.g. <c>--web.enable-remote-write-receiver</c>); <paramref name="address"/>
    /// fixes the listen address (default: a free port).</summary>
    public static async Task<PrometheusServer> StartAsync(string configYaml, IReadOnlyDictionary<string, string>? files = null, string[]? extraArgs = null, string? address = null)
    {
        var dir = new TempDirectory("prom");
        var configPath = dir.Write("prometheus.yml", configYaml);
        foreach (var (name, content) in files ?? new Dictionary<string, string>())
        {
            dir.Write(name, content);
        }

        address ??= FreePort.NextAddress();
        var process = ManagedProcess.Start(
            RequiredProgram.Prometheus,
            [
                "--config.file=" + configPath,
                "--storage.tsdb.path=" + dir.Sub("data"),
                "--web.listen-address=" + address,
                .. extraArgs ?? [],
            ],
            workingDirectory: dir.Path);
        var server = new PrometheusServer(process, address, dir);
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

    /// <summary><c>GET /api/v1/alerts</c>: the alerts the rule manager holds (pending and firing).</summary>
    public async Task<JsonArray> GetAlertsAsync()
    {
        var text = await Http.GetStringAsync("/api/v1/alerts");
        return JsonNode.Parse(text)!["data"]!["alerts"]!.AsArray();
    }
}
