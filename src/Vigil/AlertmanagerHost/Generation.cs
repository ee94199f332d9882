using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Alertmanager.Inhibit;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Silences;
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
    private readonly Silencer _silencer;
    private readonly Dispatcher _dispatcher;
    private readonly InFlightNotifications _inFlight;
    private readonly OwnedHttpClients _clients;

    private Generation(AlertmanagerConfig config, SharedState shared, Route route, Inhibitor inhibitor, Silencer silencer, Dispatcher dispatcher, InFlightNotifications inFlight, OwnedHttpClients clients)
    {
        Config = config;
        _shared = shared;
        Route = route;
        _inhibitor = inhibitor;
        _silencer = silencer;
        _dispatcher = dispatcher;
        _inFlight = inFlight;
        _clients = clients;
    }

    public AlertmanagerConfig Config { get; }

    public Route Route { get; }

    /// <summary>Completes once this generation's notifications have returned and its HTTP clients are disposed (after <see cref="Dispose"/>).</summary>
    public Task Retired { get; private set; } = Task.CompletedTask;

    /// <summary>Builds (but does not start) the components for <paramref name="config"/>.</summary>
    public static Generation Build(AlertmanagerConfig config, SharedState shared, ServiceParts parts, DispatcherOptions options)
    {
        var clients = new OwnedHttpClients(parts.HttpClients);
        try
        {
            var route = Route.Build(config.Route);
            var inhibitor = new Inhibitor(config.InhibitRules, shared.Store, shared.Marker, shared.Time);
            var silencer = new Silencer(shared.Silences, shared.Marker);
            var pipeline = shared.Pipelines.Build(new PipelineInputs
            {
                Silencers = [silencer],
                Receivers = parts.Integrations(config, clients),
                Inhibitor = config.InhibitRules.Count > 0 ? inhibitor : null,
                TimeIntervals = new TimeIntervalSet(config.TimeIntervals),
                ExternalUrl = parts.ExternalUrl,
            });
            var inFlight = new InFlightNotifications();
            var dispatcher = new Dispatcher(route, shared.Store, inFlight.Wrap(pipeline.AsNotifyFunc()), shared.Time, options);
            return new Generation(config, shared, route, inhibitor, silencer, dispatcher, inFlight, clients);
        }
        catch
        {
            // A refused reload must not leave the clients it had built behind.
            clients.Dispose();
            throw;
        }
    }

    /// <summary>Starts the inhibitor first so its cache is filled before the dispatcher notifies, as upstream orders it.</summary>
    public void Start()
    {
        _inhibitor.Start();
        _dispatcher.Start();
    }

    public IReadOnlyList<string> ReceiversFor(LabelSet labels) =>
        Route.Match(labels).Select(r => r.Receiver).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The status now: runs the inhibitor and the silencer (which mark the alert) and reads the
    /// marker, as upstream predicts at query time, so a silence shows before the next flush.
    /// </summary>
    public AlertStatus StatusOf(Alert alert)
    {
        _inhibitor.Mutes(alert.Labels);
        _silencer.Mutes(alert.Labels);
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

    /// <summary>
    /// Stops the dispatcher (cancelling notifications in flight) and the inhibitor, then disposes the
    /// HTTP clients once the cancelled notifications have returned; the reload does not wait for that.
    /// </summary>
    public void Dispose()
    {
        _dispatcher.Stop();
        _inhibitor.Stop();
        Retired = _inFlight.CloseAsync().ContinueWith(_ => _clients.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

/// <summary>Builds every receiver's integrations from a config, taking HTTP clients from <paramref name="clients"/> (the receiver factory's seam).</summary>
public delegate IReadOnlyDictionary<string, IReadOnlyList<Integration>> IntegrationSource(AlertmanagerConfig config, IHttpClientProvider clients);
