using Microsoft.Extensions.Logging;
using Vigil.Api.Alertmanager;
using Vigil.Api.Logging;
using Vigil.Api.Prometheus;
using Vigil.Config.Prometheus;
using Vigil.Api.Hosting;
using Vigil.Model.Labels;
using Vigil.PrometheusHost.RemoteRead;
using Vigil.PrometheusHost.RemoteWrite;
using Vigil.PromQL.Engine;
using Vigil.Rules.Evaluation;
using Vigil.Scrape;
using Vigil.Scrape.Http;
using Vigil.Storage;

namespace Vigil.PrometheusHost;

/// <summary>
/// The running Prometheus server as the API sees it: storage, engine, flags, and the current
/// <c>prometheus.yml</c>. A reload parses the file completely before replacing the current config;
/// a bad file changes nothing.
/// </summary>
public sealed class PrometheusServer : IPrometheusBackend
{
    private readonly PrometheusSettings _settings;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private volatile PrometheusConfigFile _config;
    private volatile RuntimeFacts _facts;

    /// <summary>Creates the server over <paramref name="storage"/> with the first loaded config.</summary>
    public PrometheusServer(PrometheusSettings settings, IStorage storage, PrometheusConfigFile config, IReadOnlyDictionary<string, string> flags, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _logger = logger;
        _config = config;
        Storage = storage;
        Flags = flags;
        Time = time;
        StartedAt = time.GetUtcNow();
        QueryTimeout = settings.QueryTimeout;
        // The API applies the timeout itself (it knows the request's own timeout), so the engine does not.
        Engine = new QueryEngine(new EngineOptions
        {
            LookbackDelta = settings.LookbackDelta,
            MaxSamples = settings.MaxSamples,
            Timeout = Timeout.InfiniteTimeSpan,
            EnableDelayedNameRemoval = settings.Features.DelayedNameRemoval,
            UseStartTimestamps = settings.Features.UseStartTimestamps,
            Parser = settings.Features.Parser,
        });
        _facts = new RuntimeFacts(settings.RetentionText, true, StartedAt);
        Scrapes = new ScrapeManager(storage.Appender, time, Scrape.Discovery.Kubernetes.KubeEnvironment.Process, logger);
        ExternalUrl = RoutePrefix.ExternalUrl(settings.ExternalUrl, Environment.MachineName, settings.ListenAddresses[0].Port).ToString().TrimEnd('/');
        Func<Vigil.Config.Prometheus.HttpClientSettings, HttpClient> clients = http => HttpClientFactory.Create(http, new HttpClientFactoryOptions { Time = time });
        Notifier = new AlertNotifier(settings.NotificationQueueCapacity, clients, time, logger);
        RemoteRead = new RemoteReadManager(c => clients(c.Http), () => (storage as PrometheusStorage)?.OldestBlockTime, time, logger);
        RemoteRead.Apply(config.RemoteRead, config.ExternalLabels);
        var concurrency = settings.Features.ConcurrentRuleEval ? new RuleConcurrency(settings.RulesMaxConcurrentEvals) : null;
        Rules = new RuleManager(storage, RuleContextFor(config), Notifier.Send, settings.AlertFlags, time, logger, concurrency) { Parser = settings.Features.Parser };
        RemoteWrite = new RemoteWriteManager(clients, settings.RemoteFlushDeadline, time, logger);
        if (storage is PrometheusStorage persistent)
        {
            // Every commit (scrapes, rules, the remote write receiver) is copied to the remote write queues.
            persistent.Forwarder = RemoteWrite;
        }
    }

    /// <summary>Sends committed samples to the <c>remote_write</c> endpoints.</summary>
    public RemoteWriteManager RemoteWrite { get; }

    /// <summary>The <c>remote_read</c> endpoints queries read besides the local storage.</summary>
    public RemoteReadManager RemoteRead { get; }

    /// <inheritdoc />
    public IStorage QueryStorage(ICollection<string> warnings, CancellationToken cancellation = default) => RemoteRead.View(Storage, warnings, cancellation);

    /// <summary>The URL alerts link back to (<c>--web.external-url</c> or derived from the listen address).</summary>
    public string ExternalUrl { get; }

    /// <summary>Sends rule alerts to the configured Alertmanagers.</summary>
    public AlertNotifier Notifier { get; }

    /// <summary>The rule groups of the config in effect.</summary>
    public RuleManager Rules { get; }

    /// <summary>The scrape loops of the config in effect.</summary>
    public ScrapeManager Scrapes { get; }

    /// <inheritdoc />
    public IStorage Storage { get; }

    /// <inheritdoc />
    public Vigil.Storage.Exemplars.IExemplarQuerier? Exemplars => (Storage as PrometheusStorage)?.Exemplars;

    /// <inheritdoc />
    public QueryEngine Engine { get; }

    /// <inheritdoc />
    public TimeSpan QueryTimeout { get; }

    /// <inheritdoc />
    public TimeProvider Time { get; }

    /// <inheritdoc />
    public DateTimeOffset StartedAt { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Flags { get; }

    /// <inheritdoc />
    public RuntimeFacts Runtime => _facts;

    /// <summary>The config in effect.</summary>
    public PrometheusConfigFile Config => _config;

    /// <summary>Loads the config file for start-up: the file, or an empty config when the default file is absent.</summary>
    public static PrometheusConfigFile LoadInitial(PrometheusSettings settings, ILogger logger)
    {
        if (!settings.ConfigFileExplicit && !File.Exists(settings.ConfigFile))
        {
            logger.Warn("No configuration file; running with an empty configuration (no external labels). Pass --config.file to use one.", ("file", settings.ConfigFile));
            return PrometheusConfigFile.Empty;
        }
        var config = PrometheusConfigFile.Load(settings.ConfigFile);
        foreach (var warning in config.Warnings)
        {
            logger.Warn("Configuration warning", ("warning", warning));
        }
        return config;
    }

    /// <summary>Starts (or, after a reload, updates) the scrape loops of the config in effect.</summary>
    public async Task ApplyScrapeConfigsAsync()
    {
        await Scrapes.ApplyAsync([.. _config.ScrapeConfigs.Select(WithServerDefaults)]);
        foreach (var error in Scrapes.TargetErrors())
        {
            _logger.Warn("Dropping target", ("err", error));
        }
    }

    // As upstream, --enable-feature=extra-scrape-metrics only changes the default of extra_scrape_metrics.
    private ScrapeConfig WithServerDefaults(ScrapeConfig job) =>
        job.ExtraScrapeMetrics is null ? job with { ExtraScrapeMetrics = _settings.Features.ExtraScrapeMetrics } : job;

    /// <summary>Starts (or, after a reload, replaces) the remote write queues of the config in effect.</summary>
    public Task ApplyRemoteWriteAsync() => RemoteWrite.ApplyAsync(_config.RemoteWrite, _config.ExternalLabels);

    /// <summary>Starts (or, after a reload, replaces) the rule groups and Alertmanagers of the config in effect.</summary>
    public async Task ApplyRuleConfigsAsync()
    {
        await Notifier.ApplyAsync(_config.Alerting, _config.ExternalLabels);
        await Rules.ApplyAsync(_config, RuleContextFor(_config));
    }

    /// <summary>Applies a changed <c>max_exemplars</c> on reload, keeping the newest exemplars that fit (as upstream).</summary>
    private void ResizeExemplars(long maxExemplars)
    {
        if (!_settings.Features.ExemplarStorage || Storage is not PrometheusStorage { Exemplars: var store } || store.Capacity == maxExemplars)
        {
            return;
        }
        var from = store.Capacity;
        var migrated = store.Resize(maxExemplars);
        _logger.Info("Exemplar storage resized", ("from", from), ("to", maxExemplars), ("migrated", migrated));
    }

    private RuleContext RuleContextFor(PrometheusConfigFile config) => new()
    {
        // Rules read remote storage too, as upstream's do; a failing remote only leaves its data out.
        Query = RuleQuery.ForEngine(Engine, new RuleStorage(this)),
        ExternalLabels = config.ExternalLabels,
        ExternalUrl = ExternalUrl,
    };

    /// <summary>Raised after each successful reload, whatever asked for it.</summary>
    public event Action? ConfigReloaded;

    /// <summary>Reloads <c>prometheus.yml</c> (SIGHUP, <c>/-/reload</c>, <c>--config.auto-reload</c>).</summary>
    public async Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            _logger.Info("Loading configuration file", ("filename", _settings.ConfigFile));
            var next = LoadInitial(_settings, _logger);
            // Rule files are checked before anything changes, so a bad one keeps the old config running.
            RuleManager.LoadAll(next.RuleFilePatterns, Engine.ParserOptions);
            _config = next;
            ResizeExemplars(next.MaxExemplars);
            RemoteRead.Apply(next.RemoteRead, next.ExternalLabels);
            await ApplyRemoteWriteAsync();
            await ApplyScrapeConfigsAsync();
            await ApplyRuleConfigsAsync();
            _facts = _facts with { ReloadConfigSuccess = true, LastConfigTime = Time.GetUtcNow() };
            _logger.Info("Completed loading of configuration file", ("filename", _settings.ConfigFile));
            ConfigReloaded?.Invoke();
            return ReloadOutcome.Success;
        }
        catch (FormatException e)
        {
            _facts = _facts with { ReloadConfigSuccess = false };
            _logger.Error("Error reloading config", ("err", e.Message));
            return new ReloadOutcome(false, $"couldn't load configuration (--config.file=\"{_settings.ConfigFile}\"): {e.Message}");
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>
    /// What rule queries read: a fresh merged view per selection, so endpoint changes on reload apply and the
    /// warnings of a failing remote (which rules have nowhere to show) are dropped.
    /// </summary>
    private sealed class RuleStorage(PrometheusServer server) : ISeriesQuerier
    {
        public bool MayHoldHistograms => server.RemoteRead.Active || server.Storage.MayHoldHistograms;

        public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
            server.QueryStorage(new List<string>()).Select(mint, maxt, matchers);
    }
}
