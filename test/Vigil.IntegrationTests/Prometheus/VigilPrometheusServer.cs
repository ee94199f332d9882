using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Vigil.Api.Tests.Prometheus;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary><c>vigil prometheus</c> on a free port with the remote write receiver, over a data directory that may outlive it (restarts).</summary>
public sealed class VigilPrometheusServer : ServerProcess
{
    private VigilPrometheusServer(ManagedProcess process, string address, TempDirectory dir)
        : base("vigil prometheus", process, address, dir)
    {
    }

    /// <summary>
    /// Starts with its own temp dir (config, and data unless <paramref name="storagePath"/> is given:
    /// a path the caller keeps across restarts). The temp dir is deleted on dispose.
    /// </summary>
    public static Task<VigilPrometheusServer> StartAsync(string? storagePath = null, params string[] extraArgs) =>
        StartWithConfigAsync("global:\n  external_labels:\n    site: it\n", storagePath, extraArgs);

    /// <summary>Starts with <paramref name="configYaml"/> as its prometheus.yml (written to its temp dir).</summary>
    public static Task<VigilPrometheusServer> StartWithConfigAsync(string configYaml, string? storagePath = null, params string[] extraArgs) =>
        StartInAsync(new TempDirectory("vigil-prom"), configYaml, storagePath, extraArgs);

    /// <summary>
    /// Starts in <paramref name="dir"/>, where the caller may have put files the config refers to (a
    /// kubeconfig, certificates); the server owns the directory from here on and deletes it on dispose.
    /// </summary>
    public static async Task<VigilPrometheusServer> StartInAsync(TempDirectory dir, string configYaml, string? storagePath = null, params string[] extraArgs)
    {
        var config = dir.Write("prometheus.yml", configYaml);
        var address = FreePort.NextAddress();
        var process = await VigilBinary.StartAsync(
        [
            "prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + (storagePath ?? System.IO.Path.Combine(dir.Path, "data")),
            "--web.listen-address=" + address,
            "--web.enable-remote-write-receiver",
            .. extraArgs,
        ]);
        var server = new VigilPrometheusServer(process, address, dir);
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

    /// <summary>Kills the process with SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void KillHard()
    {
        using var process = System.Diagnostics.Process.GetProcessById(Process.Id);
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>POSTs a remote write body as Prometheus's sender does (headers included).</summary>
    public async Task<HttpResponseMessage> WriteAsync(byte[] body, CancellationToken cancel = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        return await Http.PostAsync("/api/v1/write", content, cancel);
    }

    /// <summary>Writes series as one request.</summary>
    public Task<HttpResponseMessage> WriteAsync(IEnumerable<RemoteWriteEncoder.Series> series) => WriteAsync(RemoteWriteEncoder.Encode(series));

    /// <summary>GETs an API path and returns the parsed body (any status).</summary>
    public async Task<(int Status, JsonObject Body)> ApiAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
