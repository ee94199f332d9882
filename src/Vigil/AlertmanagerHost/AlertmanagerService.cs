using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Api.Alertmanager;
using Vigil.Api.Logging;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// The running Alertmanager: the alert store (which survives reloads) plus the current
/// generation built from the config (routes, and as they land: inhibitor, pipeline,
/// dispatcher). Reload builds a complete new generation first and swaps it in only when that
/// succeeded, so a bad file never replaces a working config.
/// </summary>
public sealed class AlertmanagerService : IAlertmanagerBackend, IAsyncDisposable
{
    private readonly string _configFile;
    private readonly ConfigSource _loadConfig;
    private readonly ILogger _logger;
    private readonly ReloadMetrics _reloadMetrics;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly InMemoryAlertStore _store = new();
    private readonly ITimer _gc;
    private volatile Generation _current;

    private AlertmanagerService(string configFile, ConfigSource loadConfig, ILogger logger, ReloadMetrics reloadMetrics, TimeProvider time, Generation first, TimeSpan gcInterval)
    {
        _configFile = configFile;
        _loadConfig = loadConfig;
        _logger = logger;
        _reloadMetrics = reloadMetrics;
        Time = time;
        StartedAt = time.GetUtcNow();
        _current = first;
        _gc = time.CreateTimer(_ => _store.Collect(Time.GetUtcNow()), null, gcInterval, gcInterval);
    }

    /// <inheritdoc />
    public AlertmanagerConfig Config => _current.Config;

    /// <inheritdoc />
    public DateTimeOffset StartedAt { get; }

    /// <inheritdoc />
    public TimeProvider Time { get; }

    /// <summary>Loads the config and starts; returns null (after logging every finding) when the file is invalid.</summary>
    public static AlertmanagerService? Start(AlertmanagerSettings settings, ConfigSource loadConfig, ILogger logger, ReloadMetrics reloadMetrics, TimeProvider time)
    {
        logger.Info("Loading configuration file", ("file", settings.ConfigFile));
        var generation = TryBuild(settings.ConfigFile, loadConfig, logger, out var error, out var content);
        if (generation is null)
        {
            logger.Error("Loading configuration file failed", ("file", settings.ConfigFile), ("err", error));
            reloadMetrics.Failed();
            return null;
        }
        reloadMetrics.Succeeded(time.GetUtcNow(), content);
        logger.Info("Completed loading of configuration file", ("file", settings.ConfigFile));
        return new AlertmanagerService(settings.ConfigFile, loadConfig, logger, reloadMetrics, time, generation, settings.AlertGcInterval);
    }

    /// <inheritdoc />
    public async Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            _logger.Info("Loading configuration file", ("file", _configFile));
            var next = TryBuild(_configFile, _loadConfig, _logger, out var error, out var content);
            if (next is null)
            {
                _reloadMetrics.Failed();
                _logger.Error("Loading configuration file failed", ("file", _configFile), ("err", error));
                return new ReloadOutcome(false, error);
            }
            var old = _current;
            _current = next;
            await old.DisposeAsync();
            _reloadMetrics.Succeeded(Time.GetUtcNow(), content);
            _logger.Info("Completed loading of configuration file", ("file", _configFile));
            return ReloadOutcome.Success;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <inheritdoc />
    public IEnumerable<Alert> Alerts() => _store.All();

    /// <inheritdoc />
    public void Put(IReadOnlyList<Alert> alerts) => _store.Put(alerts);

    /// <inheritdoc />
    public IReadOnlyList<string> ReceiversFor(LabelSet labels) => _current.ReceiversFor(labels);

    /// <inheritdoc />
    public AlertStatus StatusOf(Alert alert) => _current.StatusOf(alert);

    /// <inheritdoc />
    public IReadOnlyList<AlertGroupSnapshot> Groups() => _current.Groups(_store.All(), Time.GetUtcNow());

    /// <inheritdoc />
    public IReadOnlyList<NotificationAttemptView> NotificationAttempts(int limit) => [];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gc.DisposeAsync();
        await _current.DisposeAsync();
        _reloadGate.Dispose();
    }

    private static Generation? TryBuild(string path, ConfigSource loadConfig, ILogger logger, out string error, out byte[] content)
    {
        content = [];
        var outcome = loadConfig(path);
        foreach (var warning in outcome.Warnings)
        {
            logger.Warn("Configuration warning", ("file", path), ("warning", warning));
        }
        if (!outcome.Ok)
        {
            error = string.Join("; ", outcome.Errors);
            return null;
        }
        error = "";
        content = File.Exists(path) ? File.ReadAllBytes(path) : [];
        return Generation.Build(outcome.Config!);
    }
}
