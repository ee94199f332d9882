using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Vigil.AlertmanagerHost;
using Vigil.Api.Alertmanager;
using Vigil.Api.Hosting;
using Vigil.Api.Logging;
using Vigil.Api.Metrics;

namespace Vigil.Api.Tests.Hosting;

/// <summary>
/// The real service and Kestrel app on 127.0.0.1 with an ephemeral port, config in a temp dir.
/// Metrics are exported only from this instance's meters so parallel tests do not mix.
/// </summary>
internal sealed class TestAlertmanager : IAsyncDisposable
{
    private readonly string _dir;
    private readonly AlertmanagerService _service;
    private readonly WebApplication _app;
    private readonly IDisposable[] _owned;

    private TestAlertmanager(string dir, AlertmanagerService service, WebApplication app, HttpClient http, StringWriter log, IDisposable[] owned)
    {
        _dir = dir;
        _service = service;
        _app = app;
        Http = http;
        Log = log;
        _owned = owned;
    }

    public HttpClient Http { get; }

    public StringWriter Log { get; }

    public string ConfigPath => Path.Combine(_dir, "alertmanager.yml");

    public AlertmanagerService Service => _service;

    public static Task<TestAlertmanager> StartAsync(string yaml, string routePrefix = "/") => StartCoreAsync(yaml, routePrefix);

    /// <summary>With silences journalled in <paramref name="storagePath"/> (kept after disposal), to test restarts.</summary>
    public static Task<TestAlertmanager> StartWithStorageAsync(string yaml, string storagePath) => StartCoreAsync(yaml, "/", storagePath: storagePath);

    /// <summary>With state journalled in <paramref name="storagePath"/> and receivers' HTTP clients from <paramref name="clients"/>.</summary>
    public static Task<TestAlertmanager> StartWithStorageAsync(string yaml, string storagePath, Vigil.Alertmanager.Notify.Receivers.IHttpClientProvider clients) => StartCoreAsync(yaml, "/", clients, storagePath);

    /// <summary>With receivers' HTTP clients from <paramref name="clients"/>.</summary>
    public static Task<TestAlertmanager> StartAsync(string yaml, Vigil.Alertmanager.Notify.Receivers.IHttpClientProvider clients) => StartCoreAsync(yaml, "/", clients);

    /// <summary>As <c>vigil alertmanager</c> without <c>--config.file</c> in a directory with no alertmanager.yml.</summary>
    public static Task<TestAlertmanager> StartWithoutConfigFileAsync() => StartCoreAsync(null, "/");

    private static async Task<TestAlertmanager> StartCoreAsync(string? yaml, string routePrefix, Vigil.Alertmanager.Notify.Receivers.IHttpClientProvider? clients = null, string? storagePath = null)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-api-test-").FullName;
        if (yaml is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), yaml);
        }
        var log = new StringWriter();
        var logging = new LogfmtLoggerProvider(TextWriter.Synchronized(log), LogLevel.Debug, LogFormat.Logfmt, TimeProvider.System);
        var reload = new ReloadMetrics();
        var loggers = LoggerFactory.Create(b => b.AddProvider(logging));
        var shared = new SharedState(TimeProvider.System, TimeSpan.FromMinutes(30), TimeSpan.FromHours(120), loggers, storagePath ?? Path.Combine(dir, "data"));
        var service = AlertmanagerService.Start(Path.Combine(dir, "alertmanager.yml"), Composition.AlertmanagerParts("http://localhost:9093/", embeddedDefaultWhenMissing: yaml is null) with
        {
            HttpClients = clients ?? Vigil.Alertmanager.Notify.Receivers.HttpClientBuilder.Default,
        }, shared, logging.CreateLogger("configuration"), reload)
            ?? throw new InvalidOperationException("config did not load:\n" + log);
        var metrics = new ApiMetrics(() => service);
        var httpMetrics = new HttpMetrics("alertmanager");
        var exporter = new PrometheusExporter(m => m == metrics.Meter || m == reload.Meter || m == shared.Meter || m == httpMetrics.Meter);
        var app = AlertmanagerWebApp.Build(new WebOptions([ListenAddress.Parse("127.0.0.1:0")], routePrefix), service, exporter, metrics, logging, httpMetrics);
        await app.StartAsync();
        var address = AlertmanagerWebApp.BoundAddresses(app)[0];
        var http = new HttpClient { BaseAddress = new Uri($"http://{address}") };
        return new TestAlertmanager(dir, service, app, http, log, [exporter, httpMetrics, metrics, reload, shared, loggers, logging, http]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _service.Dispose();
        foreach (var d in _owned)
        {
            d.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
    }
}
