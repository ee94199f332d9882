using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Scrape.Discovery;
using Vigil.Scrape.Discovery.Kubernetes;
using Vigil.Scrape.Http;
using Vigil.Scrape.Loop;
using Vigil.Scrape.Targets;
using Vigil.Storage;

namespace Vigil.Scrape;

/// <summary>One active target and its loop's health, for <c>/api/v1/targets</c>.</summary>
public sealed record ActiveTargetStatus(ScrapeTarget Target, TargetHealth Health, ScrapeOptions Options)
{
    /// <summary>The metric metadata the target exposed in its recent scrapes, sorted by family.</summary>
    public IReadOnlyList<MetricMetadata> Metadata { get; init; } = [];
}

/// <summary>One target dropped by relabelling, with the labels it was discovered with.</summary>
public sealed record DroppedTargetStatus(string Job, LabelSet DiscoveredLabels);

/// <summary>
/// Runs one scrape loop per target of the configured jobs. <see cref="ApplyAsync"/> takes a whole new
/// config list (start-up and every reload): loops of targets that still exist with unchanged settings keep
/// running with their state; vanished targets are stopped (their series marked stale); new ones start.
/// </summary>
public sealed class ScrapeManager : IAsyncDisposable
{
    /// <summary>How long discovered changes are gathered before targets are updated (upstream's 5s).</summary>
    public static readonly TimeSpan DiscoveryUpdateDelay = TimeSpan.FromSeconds(5);

    private readonly Func<IAppender> _appenders;
    private readonly Func<HttpClientSettings, HttpClient> _newClient;
    private readonly bool _ownsClients;
    private Dictionary<string, JobClient> _clients = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly Lock _gate = new();
    private Dictionary<(string Job, ulong Hash), ScrapeLoop> _loops = [];
    private List<DroppedTargetStatus> _dropped = [];
    private List<string> _errors = [];
    private Dictionary<string, FileDiscovery[]> _files = new(StringComparer.Ordinal);
    private IReadOnlyList<ScrapeConfig> _configs = [];
    private ITimer? _refresh;
    private readonly KubernetesDiscoveryPool _kubernetes;
    private ITimer? _discoveryUpdate;
    private int _updatePending;
    private HashSet<string> _pools = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a manager writing to <paramref name="appenders"/> (one appender per scrape); each job gets an
    /// HTTP client built by <see cref="HttpClientFactory"/> from its auth, TLS and proxy settings.
    /// Kubernetes discovery uses <paramref name="kubernetes"/> (the process's own by default) and logs to <paramref name="logger"/>.
    /// </summary>
    public ScrapeManager(Func<IAppender> appenders, TimeProvider time, KubeEnvironment? kubernetes = null, ILogger? logger = null)
        : this(appenders, settings => HttpClientFactory.Create(settings, new HttpClientFactoryOptions { Time = time }), time, ownsClients: true, kubernetes, logger)
    {
    }

    /// <summary>Creates a manager that scrapes every job through <paramref name="http"/> (tests).</summary>
    public ScrapeManager(Func<IAppender> appenders, HttpClient http, TimeProvider time, KubeEnvironment? kubernetes = null, ILogger? logger = null)
        : this(appenders, _ => http, time, ownsClients: false, kubernetes, logger)
    {
    }

    private ScrapeManager(Func<IAppender> appenders, Func<HttpClientSettings, HttpClient> newClient, TimeProvider time, bool ownsClients, KubeEnvironment? kubernetes, ILogger? logger)
    {
        _appenders = appenders;
        _newClient = newClient;
        _time = time;
        _ownsClients = ownsClients;
        _kubernetes = new KubernetesDiscoveryPool(kubernetes ?? KubeEnvironment.Process, time, logger ?? NullLogger.Instance, OnDiscoveryChanged);
    }

    /// <summary>The <c>prometheus_target_*</c> and <c>prometheus_sd_discovered_targets</c> metrics of this manager's loops.</summary>
    public ScrapeMetrics Metrics { get; } = new();

    /// <summary>Targets being scraped, by job then URL.</summary>
    public IReadOnlyList<ActiveTargetStatus> ActiveTargets()
    {
        lock (_gate)
        {
            return [.. _loops.Values.Select(l => new ActiveTargetStatus(l.Target, l.Health, l.Options) { Metadata = l.Metadata })
                .OrderBy(s => s.Target.Job, StringComparer.Ordinal).ThenBy(s => s.Target.Url.ToString(), StringComparer.Ordinal)];
        }
    }

    /// <summary>Targets that relabelling dropped.</summary>
    public IReadOnlyList<DroppedTargetStatus> DroppedTargets()
    {
        lock (_gate)
        {
            return _dropped;
        }
    }

    /// <summary>Targets that could not be built (no address, bad URL), worded for a log line.</summary>
    public IReadOnlyList<string> TargetErrors()
    {
        lock (_gate)
        {
            return _errors;
        }
    }

    /// <summary>Applies a config list: starts, keeps, restarts and stops loops as needed.</summary>
    public async Task ApplyAsync(IReadOnlyList<ScrapeConfig> configs)
    {
        await _applying.WaitAsync().ConfigureAwait(false);
        try
        {
            _configs = configs;
            await _kubernetes.SyncAsync(configs.ToDictionary(c => c.JobName, c => c.Discovery.Kubernetes, StringComparer.Ordinal)).ConfigureAwait(false);
            var plan = Plan(configs);
            foreach (var loop in plan.Stop)
            {
                await loop.StopAsync().ConfigureAwait(false);
            }
            foreach (var loop in plan.Start)
            {
                loop.Start();
            }
            RetireClients(plan.Clients);
            lock (_gate)
            {
                _loops = plan.Loops;
                _dropped = plan.Dropped;
                _errors = plan.Errors;
            }
            CountPools(configs, plan);
            ScheduleFileRefresh(configs);
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>Stops every loop, marking all scraped series stale.</summary>
    public async ValueTask DisposeAsync()
    {
        await ApplyAsync([]).ConfigureAwait(false);
        await _kubernetes.DisposeAsync().ConfigureAwait(false);
        _discoveryUpdate?.Dispose();
        _refresh?.Dispose();
        _applying.Dispose();
        Metrics.Dispose();
    }

    private void CountPools(IReadOnlyList<ScrapeConfig> configs, ApplyPlan plan)
    {
        var jobs = configs.Select(c => c.JobName).ToHashSet(StringComparer.Ordinal);
        Metrics.PoolsCreated(jobs.Count(j => !_pools.Contains(j)));
        _pools = jobs;
        Metrics.Pools([.. jobs.Order(StringComparer.Ordinal).Select(j => new PoolCount(j,
            plan.Loops.Keys.Count(k => k.Job == j), plan.Discovered.GetValueOrDefault(j)))]);
    }

    private ApplyPlan Plan(IReadOnlyList<ScrapeConfig> configs)
    {
        var old = _loops;
        var plan = new ApplyPlan();
        foreach (var config in configs)
        {
            var built = new TargetBuilder(config).Build(config.Discovery.Static.Concat(ReadFiles(config, plan.Errors)).Concat(_kubernetes.Groups(config.JobName)));
            plan.Dropped.AddRange(built.Dropped.Select(d => new DroppedTargetStatus(config.JobName, d)));
            plan.Errors.AddRange(built.Errors);
            plan.Discovered[config.JobName] = plan.Discovered.GetValueOrDefault(config.JobName) + built.Active.Count + built.Dropped.Count;
            var options = default(ScrapeOptions);
            var client = ClientFor(config, plan.Clients);
            foreach (var target in built.Active)
            {
                var key = (config.JobName, target.Hash);
                if (plan.Loops.ContainsKey(key))
                {
                    continue;
                }
                if (old.TryGetValue(key, out var running) && ScrapeSettings.Same(running.Options.Config, config))
                {
                    plan.Loops[key] = running;
                    continue;
                }
                options ??= new ScrapeOptions(config);
                var loop = new ScrapeLoop(target, options, _appenders, client, _time, Metrics);
                plan.Loops[key] = loop;
                plan.Start.Add(loop);
            }
        }
        plan.Stop.AddRange(old.Where(o => !plan.Loops.TryGetValue(o.Key, out var kept) || !ReferenceEquals(kept, o.Value)).Select(o => o.Value));
        return plan;
    }

    private HttpClient ClientFor(ScrapeConfig config, Dictionary<string, JobClient> next)
    {
        // A job keeps its client (and its pooled connections) while its HTTP settings stay the same.
        var key = ScrapeSettings.Canonical(config.Http);
        if (!_clients.TryGetValue(config.JobName, out var current) || current.Key != key)
        {
            current = new JobClient(key, _newClient(config.Http));
        }
        next[config.JobName] = current;
        return current.Client;
    }

    private void RetireClients(Dictionary<string, JobClient> next)
    {
        // Called once the loops that used a replaced client have stopped.
        var retired = _clients.Values.Where(c => !next.Values.Any(n => ReferenceEquals(n.Client, c.Client))).ToList();
        _clients = next;
        if (_ownsClients)
        {
            foreach (var old in retired)
            {
                old.Client.Dispose();
            }
        }
    }

    private sealed record JobClient(string Key, HttpClient Client);

    private IEnumerable<StaticTargetGroup> ReadFiles(ScrapeConfig config, List<string> errors)
    {
        var sources = config.Discovery.Files;
        if (sources.Count == 0)
        {
            return [];
        }
        // One reader per file_sd entry, kept across applies so a broken file falls back to its last good content.
        if (!_files.TryGetValue(config.JobName, out var readers) || readers.Length != sources.Count)
        {
            readers = [.. sources.Select(_ => new FileDiscovery())];
            _files[config.JobName] = readers;
        }
        var groups = new List<StaticTargetGroup>();
        for (var i = 0; i < sources.Count; i++)
        {
            var started = _time.GetTimestamp();
            groups.AddRange(readers[i].Read(sources[i]));
            Metrics.FileScanned(_time.GetElapsedTime(started), readers[i].Errors.Count);
            errors.AddRange(readers[i].Errors.Select(e => $"job {Model.GoString.Quote(config.JobName)}: {e}"));
        }
        return groups;
    }

    private void ScheduleFileRefresh(IReadOnlyList<ScrapeConfig> configs)
    {
        // Files are polled on the injected clock rather than watched: it works on every file system
        // (and in tests), and a refresh that finds nothing changed keeps every loop as it is.
        var every = configs.SelectMany(c => c.Discovery.Files).Select(f => f.RefreshInterval).Where(r => r > TimeSpan.Zero).DefaultIfEmpty().Min();
        _refresh?.Dispose();
        _refresh = every > TimeSpan.Zero ? _time.CreateTimer(_ => _ = RefreshAsync(), null, every, every) : null;
    }

    private void OnDiscoveryChanged()
    {
        // Watch events come in bursts (a rollout touches many pods): gather them and rebuild targets once.
        if (Interlocked.Exchange(ref _updatePending, 1) == 0)
        {
            var previous = Interlocked.Exchange(ref _discoveryUpdate, _time.CreateTimer(_ => _ = UpdateFromDiscoveryAsync(), null, DiscoveryUpdateDelay, Timeout.InfiniteTimeSpan));
            previous?.Dispose();
        }
    }

    private Task UpdateFromDiscoveryAsync()
    {
        Interlocked.Exchange(ref _updatePending, 0);
        return RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        try
        {
            await ApplyAsync(_configs).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The manager was disposed while a refresh was due.
        }
    }

    private sealed class ApplyPlan
    {
        public Dictionary<(string Job, ulong Hash), ScrapeLoop> Loops { get; } = [];

        public List<ScrapeLoop> Start { get; } = [];

        public List<ScrapeLoop> Stop { get; } = [];

        public List<DroppedTargetStatus> Dropped { get; } = [];

        public List<string> Errors { get; } = [];

        public Dictionary<string, int> Discovered { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, JobClient> Clients { get; } = new(StringComparer.Ordinal);
    }
}
