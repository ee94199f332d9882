using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Api.Alertmanager;
using Vigil.Api.Logging;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.AlertmanagerHost;

/// <summary>What the service is composed of: how config is loaded and receivers are built.</summary>
/// <param name="LoadConfig">Loads <c>alertmanager.yml</c>.</param>
/// <param name="Integrations">Builds receivers' integrations.</param>
/// <param name="ExternalUrl">Alertmanager's external URL, for links in notifications.</param>
public sealed record ServiceParts(ConfigSource LoadConfig, IntegrationSource Integrations, string ExternalUrl)
{
    /// <summary>Dispatcher tuning (<c>--dispatch.maintenance-interval</c>); error reporting is added by the service.</summary>
    public DispatcherOptions Dispatcher { get; init; } = new();

    /// <summary>Where receivers' HTTP clients come from; each config generation owns (and disposes) the ones it gets.</summary>
    public IHttpClientProvider HttpClients { get; init; } = HttpClientBuilder.Default;
}

/// <summary>
/// The running Alertmanager: shared state that survives reloads (alert store, marker,
/// notification and attempt logs) plus the current <see cref="Generation"/> built from the
/// config. A reload builds the new generation completely before touching the running one, then
/// stops the old dispatcher and starts the new (as upstream does); a bad file changes nothing.
/// </summary>
public sealed class AlertmanagerService : IAlertmanagerBackend, IDisposable
{
    private readonly string _configFile;
    private readonly ServiceParts _parts;
    private readonly ILogger _logger;
    private readonly ReloadMetrics _reloadMetrics;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly SharedState _shared;
    private volatile Generation _current;

    private AlertmanagerService(string configFile, ServiceParts parts, ILogger logger, ReloadMetrics reloadMetrics, SharedState shared, Generation first)
    {
        _configFile = configFile;
        _parts = parts;
        _logger = logger;
        _reloadMetrics = reloadMetrics;
        _shared = shared;
        StartedAt = shared.Time.GetUtcNow();
        _current = first;
    }

    /// <inheritdoc />
    public AlertmanagerConfig Config => _current.Config;

    /// <inheritdoc />
    public DateTimeOffset StartedAt { get; }

    /// <inheritdoc />
    public TimeProvider Time => _shared.Time;

    /// <summary>The long-lived state (store, logs, meters).</summary>
    public SharedState Shared => _shared;

    /// <summary>Loads the config and starts; returns null (after logging every finding) when the file is invalid.</summary>
    public static AlertmanagerService? Start(string configFile, ServiceParts parts, SharedState shared, ILogger logger, ReloadMetrics reloadMetrics)
    {
        logger.Info("Loading configuration file", ("file", configFile));
        var generation = TryBuild(configFile, parts, shared, logger, out var error, out var content);
        if (generation is null)
        {
            logger.Error("Loading configuration file failed", ("file", configFile), ("err", error));
            reloadMetrics.Failed();
            return null;
        }
        generation.Start();
        reloadMetrics.Succeeded(shared.Time.GetUtcNow(), content);
        logger.Info("Completed loading of configuration file", ("file", configFile));
        return new AlertmanagerService(configFile, parts, logger, reloadMetrics, shared, generation);
    }

    /// <inheritdoc />
    public async Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            _logger.Info("Loading configuration file", ("file", _configFile));
            var next = TryBuild(_configFile, _parts, _shared, _logger, out var error, out var content);
            if (next is null)
            {
                _reloadMetrics.Failed();
                _logger.Error("Loading configuration file failed", ("file", _configFile), ("err", error));
                return new ReloadOutcome(false, error);
            }
            _current.Dispose();
            next.Start();
            _current = next;
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
    public Vigil.Alertmanager.Silences.SilenceStore Silences => _shared.Silences;

    /// <inheritdoc />
    public IEnumerable<Alert> Alerts() => _shared.Store.GetAll();

    /// <inheritdoc />
    public void Put(IReadOnlyList<Alert> alerts) => _shared.Store.Put(alerts);

    /// <inheritdoc />
    public IReadOnlyList<string> ReceiversFor(LabelSet labels) => _current.ReceiversFor(labels);

    /// <inheritdoc />
    public AlertStatus StatusOf(Alert alert) => _current.StatusOf(alert);

    /// <inheritdoc />
    public IReadOnlyList<AlertGroupSnapshot> Groups() => _current.Groups(Time.GetUtcNow());

    /// <inheritdoc />
    public IReadOnlyList<NotificationAttemptView> NotificationAttempts(int limit) =>
        [.. _shared.Attempts.List().Take(limit).Select(ToView)];

    /// <summary>Stops the dispatcher and inhibitor; nothing pending is flushed (as upstream on SIGTERM).</summary>
    public void Dispose()
    {
        _current.Dispose();
        _reloadGate.Dispose();
    }

    private static NotificationAttemptView ToView(NotificationAttempt a) => new(
        a.Time, a.Receiver, a.Integration, a.GroupKey, a.Alerts, a.Outcome == AttemptOutcome.Succeeded, a.StatusCode,
        a.Meaning is null ? a.Answer : $"{a.Answer} ({a.Meaning})", a.Duration);

    private static Generation? TryBuild(string path, ServiceParts parts, SharedState shared, ILogger logger, out string error, out byte[] content)
    {
        content = [];
        var outcome = parts.LoadConfig(path);
        foreach (var warning in outcome.Warnings)
        {
            logger.Warn("Configuration warning", ("warning", warning));
        }
        if (!outcome.Ok)
        {
            error = string.Join("; ", outcome.Errors);
            return null;
        }
        try
        {
            content = File.Exists(path) ? File.ReadAllBytes(path) : [];
            error = "";
            var dispatcher = parts.Dispatcher with
            {
                OnError = (what, e) => logger.Error(what, ("err", e.Message)),
            };
            return Generation.Build(outcome.Config!, shared, parts, dispatcher);
        }
        catch (Exception e)
        {
            // Building receivers or templates can fail on things the loader cannot see (files, URLs).
            error = e.Message;
            return null;
        }
    }
}
