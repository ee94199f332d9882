using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;
using Vigil.Scrape.Discovery;
using Vigil.Scrape.Discovery.Kubernetes;

namespace Vigil.PrometheusHost;

/// <summary>One Alertmanager alerts are sent to: its push URL and the entry it came from.</summary>
public sealed record DiscoveredAlertmanager(Uri Url, AlertmanagerTargetConfig Config);

/// <summary>
/// Finds the Alertmanagers of <c>alerting.alertmanagers</c> as upstream does: static targets, file and
/// Kubernetes discovery, each target labelled with <c>__scheme__</c> and <c>__alerts_path__</c> and passed
/// through the entry's <c>relabel_configs</c>; the URL is built from the relabelled labels. The list is
/// published on every apply, file poll and (gathered for a few seconds) Kubernetes change.
/// </summary>
public sealed class AlertmanagerDiscovery : IAsyncDisposable
{
    private const string AlertsPathLabel = "__alerts_path__";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<IReadOnlyList<DiscoveredAlertmanager>> _publish;
    private readonly KubernetesDiscoveryPool _kubernetes;
    private readonly Lock _lock = new();
    private AlertingConfig _alerting = new();
    private FileDiscovery[][] _files = [];
    private ITimer? _fileRefresh;
    private ITimer? _kubeUpdate;
    private int _updatePending;
    private volatile List<Uri> _dropped = [];

    /// <summary>Creates the discovery; <paramref name="publish"/> receives every new list.</summary>
    public AlertmanagerDiscovery(TimeProvider time, ILogger logger, KubeEnvironment kubernetes, Action<IReadOnlyList<DiscoveredAlertmanager>> publish)
    {
        _time = time;
        _logger = logger;
        _publish = publish;
        _kubernetes = new KubernetesDiscoveryPool(kubernetes, time, logger, OnKubernetesChanged);
    }

    /// <summary>The URLs of the Alertmanagers relabelling dropped in the latest update (before relabelling).</summary>
    public IReadOnlyList<Uri> Dropped => _dropped;

    /// <summary>Takes a new <c>alerting</c> section: restarts discovery where it changed and publishes the list.</summary>
    public async Task ApplyAsync(AlertingConfig alerting)
    {
        lock (_lock)
        {
            _alerting = alerting;
            _files = [.. alerting.Alertmanagers.Select(am => am.Discovery.Files.Select(_ => new FileDiscovery()).ToArray())];
        }
        await _kubernetes.SyncAsync(alerting.Alertmanagers.Select((am, i) => (Owner(i), am.Discovery.Kubernetes))
            .ToDictionary(o => o.Item1, o => o.Item2, StringComparer.Ordinal)).ConfigureAwait(false);
        var every = alerting.Alertmanagers.SelectMany(am => am.Discovery.Files).Select(f => f.RefreshInterval).Where(r => r > TimeSpan.Zero).DefaultIfEmpty().Min();
        _fileRefresh?.Dispose();
        _fileRefresh = every > TimeSpan.Zero ? _time.CreateTimer(_ => Update(), null, every, every) : null;
        Update();
    }

    /// <summary>The Alertmanagers of one entry's target groups, after its relabelling.</summary>
    public static IEnumerable<DiscoveredAlertmanager> FromGroups(AlertmanagerTargetConfig config, IEnumerable<StaticTargetGroup> groups) =>
        Discover(config, groups).Active;

    /// <summary>
    /// The Alertmanagers of one entry's target groups after its relabelling, and the URLs of those relabelling
    /// dropped (built from their labels before relabelling, as upstream shows them in <c>/api/v1/alertmanagers</c>).
    /// </summary>
    public static (List<DiscoveredAlertmanager> Active, List<Uri> Dropped) Discover(AlertmanagerTargetConfig config, IEnumerable<StaticTargetGroup> groups)
    {
        var relabel = new Relabeler(config.RelabelConfigs);
        var (active, dropped) = (new List<DiscoveredAlertmanager>(), new List<Uri>());
        foreach (var group in groups)
        {
            foreach (var address in group.Targets)
            {
                var labels = LabelSet.From(new Dictionary<string, string>(group.Labels, StringComparer.Ordinal)
                {
                    ["__address__"] = address,
                    ["__scheme__"] = config.Scheme,
                    [AlertsPathLabel] = AlertsPath(config.PathPrefix),
                });
                if (!relabel.Process(labels, out var result))
                {
                    dropped.Add(UrlOf(labels));
                }
                else if (result.Get("__address__") is { Length: > 0 })
                {
                    active.Add(new DiscoveredAlertmanager(UrlOf(result), config));
                }
            }
        }
        return (active, dropped);
    }

    private static Uri UrlOf(LabelSet labels) => new($"{labels.Get("__scheme__")}://{labels.Get("__address__")}{labels.Get(AlertsPathLabel)}");

    /// <summary>The push path under a path prefix, joined and cleaned as upstream's path.Join does.</summary>
    public static string AlertsPath(string pathPrefix)
    {
        var parts = $"{pathPrefix}/api/v2/alerts".Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', parts);
    }

    private static string Owner(int index) => $"alertmanagers[{index}]";

    private void OnKubernetesChanged()
    {
        if (Interlocked.Exchange(ref _updatePending, 1) == 0)
        {
            Interlocked.Exchange(ref _kubeUpdate, _time.CreateTimer(_ => { Interlocked.Exchange(ref _updatePending, 0); Update(); }, null, Scrape.ScrapeManager.DiscoveryUpdateDelay, Timeout.InfiniteTimeSpan))?.Dispose();
        }
    }

    private void Update()
    {
        var found = new List<DiscoveredAlertmanager>();
        var dropped = new List<Uri>();
        lock (_lock)
        {
            for (var i = 0; i < _alerting.Alertmanagers.Count; i++)
            {
                var am = _alerting.Alertmanagers[i];
                var groups = am.Discovery.Static.Concat(ReadFiles(am, _files[i])).Concat(_kubernetes.Groups(Owner(i)));
                var (active, droppedHere) = Discover(am, groups);
                found.AddRange(active.DistinctBy(a => a.Url));
                dropped.AddRange(droppedHere);
            }
            _dropped = dropped;
        }
        _publish(found);
    }

    private IEnumerable<StaticTargetGroup> ReadFiles(AlertmanagerTargetConfig am, FileDiscovery[] readers)
    {
        var groups = new List<StaticTargetGroup>();
        for (var i = 0; i < readers.Length; i++)
        {
            groups.AddRange(readers[i].Read(am.Discovery.Files[i]));
            foreach (var error in readers[i].Errors)
            {
                _logger.Error("Error reading Alertmanager discovery file", ("err", error));
            }
        }
        return groups;
    }

    /// <summary>Stops discovery.</summary>
    public async ValueTask DisposeAsync()
    {
        _fileRefresh?.Dispose();
        _kubeUpdate?.Dispose();
        await _kubernetes.DisposeAsync().ConfigureAwait(false);
    }
}
