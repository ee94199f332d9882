using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Harness;

/// <summary>Which Alertmanager implementation a test runs.</summary>
public enum AlertmanagerFlavor
{
    /// <summary>The real Alertmanager 0.25 (Debian's <c>prometheus-alertmanager</c>).</summary>
    Real,

    /// <summary><c>vigil alertmanager</c>, the published binary.</summary>
    Vigil,
}

/// <summary>An Alertmanager (real or Vigil) started with the same flags, plus its API v2.</summary>
public sealed class AlertmanagerServer : ServerProcess
{
    private AlertmanagerServer(AlertmanagerFlavor flavor, ManagedProcess process, string address, TempDirectory dir, string configPath)
        : base(flavor == AlertmanagerFlavor.Real ? "alertmanager 0.25" : "vigil alertmanager", process, address, dir)
    {
        Flavor = flavor;
        ConfigPath = configPath;
    }

    public AlertmanagerFlavor Flavor { get; }

    /// <summary>The config file it was started with; rewrite it and call <see cref="ReloadAsync"/>.</summary>
    public string ConfigPath { get; }

    /// <summary>Writes <paramref name="configYaml"/> to a temp dir and starts <paramref name="flavor"/>
    /// on a free port; returns once <c>/-/ready</c> answers.</summary>
    public static async Task<AlertmanagerServer> StartAsync(
        AlertmanagerFlavor flavor, string configYaml, string? externalUrl = null, IEnumerable<string>? extraArgs = null)
    {
        var server = await LaunchAsync(flavor, configYaml, externalUrl, extraArgs);
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

    /// <summary>Starts without waiting for readiness (for tests where startup is expected to fail).</summary>
    public static async Task<AlertmanagerServer> LaunchAsync(
        AlertmanagerFlavor flavor, string configYaml, string? externalUrl = null, IEnumerable<string>? extraArgs = null)
    {
        var dir = new TempDirectory(flavor == AlertmanagerFlavor.Real ? "am" : "vigil-am");
        var configPath = dir.Write("alertmanager.yml", configYaml);
        var address = FreePort.NextAddress();
        var args = new List<string>
        {
            "--config.file=" + configPath,
            "--storage.path=" + dir.Sub("data"),
            "--web.listen-address=" + address,
        };
        if (externalUrl is not null)
        {
            args.Add("--web.external-url=" + externalUrl);
        }

        args.AddRange(extraArgs ?? []);
        var process = flavor == AlertmanagerFlavor.Real
            ? ManagedProcess.Start(RequiredProgram.Alertmanager, [.. args, "--cluster.listen-address=", "--log.level=debug"])
            : await VigilBinary.StartAsync(["alertmanager", .. args]);
        return new AlertmanagerServer(flavor, process, address, dir, configPath);
    }

    /// <summary><c>POST /api/v2/alerts</c> with a JSON array body.</summary>
    public Task<HttpResponseMessage> PostAlertsAsync(string json) => PostJsonAsync("/api/v2/alerts", json);

    /// <summary><c>POST /api/v2/alerts</c> with the alerts given as nodes.</summary>
    public async Task PostAlertsOrThrowAsync(JsonArray alerts)
    {
        using var response = await PostAlertsAsync(alerts.ToJsonString());
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name} answered {(int)response.StatusCode} to POST /api/v2/alerts: " +
                $"{await response.Content.ReadAsStringAsync()}\n{Diagnostics()}");
        }
    }

    /// <summary><c>GET /api/v2/alerts</c>, parsed.</summary>
    public async Task<JsonArray> GetAlertsAsync()
    {
        var text = await Http.GetStringAsync("/api/v2/alerts");
        return JsonNode.Parse(text)!.AsArray();
    }

    /// <summary><c>POST /-/reload</c>; returns the status code.</summary>
    public async Task<int> ReloadAsync()
    {
        using var response = await Http.PostAsync("/-/reload", content: null);
        return (int)response.StatusCode;
    }

    /// <summary>The <c>/metrics</c> text.</summary>
    public Task<string> MetricsAsync() => Http.GetStringAsync("/metrics");

    /// <summary>POSTs a raw JSON body to <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Http.PostAsync(path, content);
    }
}
