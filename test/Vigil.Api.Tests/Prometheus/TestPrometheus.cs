using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Vigil.Api.Alertmanager;
using Vigil.Api.Hosting;
using Vigil.Api.Logging;
using Vigil.Api.Metrics;
using Vigil.Api.Prometheus;
using Vigil.Api.Prometheus.RemoteWrite;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>The Prometheus web app on a loopback port over a <see cref="TestBackend"/>, with a client pointed at it.</summary>
public sealed class TestPrometheus : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PrometheusExporter _exporter;
    private readonly RemoteWriteMetrics _metrics;
    private readonly QueryGate _gate;
    private readonly LogfmtLoggerProvider _logging;

    private TestPrometheus(WebApplication app, PrometheusExporter exporter, RemoteWriteMetrics metrics, QueryGate gate, LogfmtLoggerProvider logging, TestBackend backend)
    {
        _app = app;
        _exporter = exporter;
        _metrics = metrics;
        _gate = gate;
        _logging = logging;
        Backend = backend;
        Http = new HttpClient { BaseAddress = new Uri("http://" + AlertmanagerWebApp.BoundAddresses(app)[0]) };
    }

    public HttpClient Http { get; }

    public TestBackend Backend { get; }

    public int Reloads { get; private set; }

    public static async Task<TestPrometheus> StartAsync(TestBackend backend, bool remoteWrite = true, bool lifecycle = true, ITsdbAdmin? admin = null)
    {
        var exporter = PrometheusExporter.ForPrefixes("Vigil.Api.RemoteWrite");
        var metrics = new RemoteWriteMetrics();
        var gate = new QueryGate(2);
        var logging = new LogfmtLoggerProvider(TextWriter.Null, LogLevel.Information, LogFormat.Logfmt, TimeProvider.System);
        TestPrometheus? self = null;
        var parts = new PrometheusWebParts(_ =>
        {
            self!.Reloads++;
            return Task.FromResult(ReloadOutcome.Success);
        }, gate, exporter, metrics)
        {
            Federation = new FederationSource(() => Vigil.Model.Labels.LabelSet.Of("site", "lab"), TimeSpan.FromMinutes(5)),
            Admin = admin,
        };
        var options = new PrometheusWebOptions(new WebOptions([ListenAddress.Parse("127.0.0.1:0")], "/"), lifecycle, remoteWrite);
        var app = PrometheusWebApp.Build(options, backend, parts, logging);
        await app.StartAsync();
        self = new TestPrometheus(app, exporter, metrics, gate, logging, backend);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _exporter.Dispose();
        _metrics.Dispose();
        _gate.Dispose();
        _logging.Dispose();
    }
}
