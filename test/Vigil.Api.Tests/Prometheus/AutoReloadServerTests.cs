using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Hosting;
using Vigil.Api.Logging;
using Vigil.Api.Metrics;
using Vigil.PrometheusHost;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>
/// <c>--config.auto-reload</c> against a real <see cref="PrometheusServer"/>: a bad edit keeps the running config,
/// names the file and line in the log and sets <c>prometheus_config_last_reload_successful</c> to 0.
/// </summary>
public sealed class AutoReloadServerTests : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-auto-reload-server-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new();
    private readonly LogfmtLoggerProvider _logging;
    private readonly CancellationTokenSource _stop = new();
    private readonly PrometheusServer _server;
    private readonly ConfigAutoReloader _reloader;
    private readonly ConfigReloadMetrics _metrics;

    public AutoReloadServerTests()
    {
        _logging = new LogfmtLoggerProvider(TextWriter.Synchronized(_log), LogLevel.Debug, LogFormat.Logfmt, TimeProvider.System);
        Write("prometheus.yml", "global:\n  external_labels:\n    site: one\nrule_files:\n  - rules.yml\n");
        Write("rules.yml", "groups: []\n");
        var settings = new PrometheusSettings
        {
            ConfigFile = Path.Combine(_dir, "prometheus.yml"),
            ConfigFileExplicit = true,
            StoragePath = Path.Combine(_dir, "data"),
            ListenAddresses = [ListenAddress.Parse("127.0.0.1:9090")],
        };
        var logger = _logging.CreateLogger("configuration");
        _server = new PrometheusServer(settings, new MemoryStorage(), PrometheusServer.LoadInitial(settings, logger),
            new Dictionary<string, string>(), _time, logger);
        _reloader = new ConfigAutoReloader(settings.ConfigFile, TimeSpan.FromSeconds(30), _server.ReloadAsync, _time, logger);
        _server.ConfigReloaded += _reloader.ReloadedElsewhere;
        _metrics = new ConfigReloadMetrics(() => _server.Runtime);
        _ = _reloader.RunAsync(_stop.Token);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    private async Task<AutoReloadCheck> NextCheckAsync()
    {
        var done = new TaskCompletionSource<AutoReloadCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChecked(AutoReloadCheck check) => done.TrySetResult(check);
        _reloader.Checked += OnChecked;
        _time.Advance(_reloader.Interval);
        var result = await done.Task.WaitAsync(Guard);
        _reloader.Checked -= OnChecked;
        return result;
    }

    private string Metrics()
    {
        using var exporter = new PrometheusExporter(m => m == _metrics.Meter);
        return exporter.Render();
    }

    [Fact]
    public async Task AutoReload_BadRuleFileThenFixed_KeepsOldConfigLogsFileLineAndReportsInMetrics()
    {
        Write("prometheus.yml", "global:\n  external_labels:\n    site: two\nrule_files:\n  - rules.yml\n");
        Write("rules.yml", "groups:\n- name: g\n  rules:\n  - record: x\n    expr: sum(\n");

        Assert.Equal(AutoReloadCheck.ReloadFailed, await NextCheckAsync());
        Assert.Equal("one", _server.Config.ExternalLabels.Get("site"));
        Assert.Contains("prometheus_config_last_reload_successful 0\n", Metrics(), StringComparison.Ordinal);
        var error = _log.ToString().Split('\n').Single(l => l.Contains("msg=\"Error reloading config\"", StringComparison.Ordinal));
        Assert.Contains("rules.yml:5:", error, StringComparison.Ordinal);

        Write("rules.yml", "groups:\n- name: g\n  rules:\n  - record: x\n    expr: sum(up)\n");

        Assert.Equal(AutoReloadCheck.Reloaded, await NextCheckAsync());
        Assert.Equal("two", _server.Config.ExternalLabels.Get("site"));
        Assert.Contains("prometheus_config_last_reload_successful 1\n", Metrics(), StringComparison.Ordinal);
        Assert.Contains($"prometheus_config_last_reload_success_timestamp_seconds {_time.GetUtcNow().ToUnixTimeSeconds()}\n", Metrics(), StringComparison.Ordinal);
        Assert.Equal(AutoReloadCheck.Unchanged, await NextCheckAsync());
    }

    [Fact]
    public async Task AutoReload_BadConfigField_ErrorNamesFileLineAndField()
    {
        Write("prometheus.yml", "global:\n  scrape_interval: banana\nrule_files:\n  - rules.yml\n");

        Assert.Equal(AutoReloadCheck.ReloadFailed, await NextCheckAsync());
        var error = _log.ToString().Split('\n').Single(l => l.Contains("msg=\"Error reloading config\"", StringComparison.Ordinal));
        Assert.Contains("prometheus.yml:2:", error, StringComparison.Ordinal);
        Assert.Contains("scrape_interval", error, StringComparison.Ordinal);
        Assert.Equal("one", _server.Config.ExternalLabels.Get("site"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.Scrapes.DisposeAsync();
        await _server.Rules.DisposeAsync();
        await _server.Notifier.DisposeAsync();
        await _server.RemoteWrite.DisposeAsync();
        _metrics.Dispose();
        _stop.Dispose();
        _logging.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
