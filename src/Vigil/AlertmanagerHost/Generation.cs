using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Alertmanager.Inhibit;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.TimeIntervals;
using Vigil.Api.Alertmanager;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// Everything built from one config: route tree, inhibitor, receivers' integrations, pipeline
/// and dispatcher. <see cref="Build"/> does all fallible work without side effects; only
/// <see cref="Start"/> subscribes to the store, so a failed reload leaves nothing behind.
/// </summary>
internal sealed class Generation : IDisposable
{
    private readonly SharedState _shared;
    private readonly Inhibitor _inhibitor;
    private readonly Dispatcher _dispatcher;

    private Generation(AlertmanagerConfig config, SharedState shared, Route route, Inhibitor inhibitor, Dispatcher dispatcher)
    {
        Config = config;
        _shared = shared;
        Route = route;
        _inhibitor = inhibitor;
        _dispatcher = dispatcher;
    }

    public AlertmanagerConfig Config { get; }

    public Route Route { get; }

    /// <summary>Builds (but does not start) the components for <paramref name="config"/>.</summary>
    public static Generation Build(AlertmanagerConfig config, SharedState shared, ServiceParts parts, DispatcherOptions options)
    {
        var route = Route.Build(config.Route);
        var inhibitor = new Inhibitor(config.InhibitRules, shared.Store, shared.Marker, shared.Time);
        var pipeline = shared.Pipelines.Build(new PipelineInputs
        {
            Receivers = parts.Integrations(config),
            Inhibitor = config.InhibitRules.Count > 0 ? inhibitor : null,
            TimeIntervals = new TimeIntervalSet(config.TimeIntervals),
            ExternalUrl = parts.ExternalUrl,
        });
        var dispatcher = new Dispatcher(route, shared.Store, pipeline.AsNotifyFunc(), shared.Time, options);
        return new Generation(config, shared, route, inhibitor, dispatcher);
    }

    /// <summary>Starts the inhibitor first so its cache is filled before the dispatcher notifies, as upstream orders it.</summary>
    public void Start()
    {
        _inhibitor.Start();
        _dispatcher.Start();
    }

    public IReadOnlyList<string> ReceiversFor(LabelSet labels) =>
        Route.Match(labels).Select(r => r.Receiver).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The status now: runs the inhibitor (which marks the alert) and reads the marker, as upstream predicts at query time.</summary>
    public AlertStatus StatusOf(Alert alert)
    {
        _inhibitor.Mutes(alert.Labels);
        return _shared.Marker.Status(alert.Fingerprint);
    }

    public IReadOnlyList<AlertGroupSnapshot> Groups(DateTimeOffset now)
    {
        var groups = _dispatcher.Groups(_ => true, (a, t) => !a.ResolvedAt(t));
        return [.. groups.Groups.Select(g => new AlertGroupSnapshot(g.Labels, g.Receiver, g.Alerts)
        {
            MutedBy = _shared.GroupMarker.Muted(g.Route.Id, g.GroupKey),
        })];
    }

    /// <summary>Stops the dispatcher (cancelling notifications in flight) and the inhibitor.</summary>
    public void Dispose()
    {
        _dispatcher.Stop();
        _inhibitor.Stop();
    }
}

/// <summary>Builds every receiver's integrations from a config (the receiver factory's seam).</summary>
public delegate IReadOnlyDictionary<string, IReadOnlyList<Integration>> IntegrationSource(AlertmanagerConfig config);
