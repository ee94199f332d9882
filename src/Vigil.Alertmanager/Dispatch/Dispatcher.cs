using System.Collections.Concurrent;
using Vigil.Alertmanager.Alerts;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Dispatch;

/// <summary>
/// Sorts stored alerts into aggregation groups, one set of groups per route, and lets each group
/// flush to the notification pipeline on its own timers. A config reload stops this dispatcher and
/// starts a new one on the same store, which replays every stored alert to it, as upstream.
/// </summary>
public sealed class Dispatcher : IDisposable
{
    private readonly AlertStore _store;
    private readonly NotifyFunc _notify;
    private readonly TimeProvider _clock;
    private readonly DispatcherOptions _options;
    private readonly ConcurrentDictionary<LabelSet, AggregationGroup>[] _groups;
    private readonly Route[] _routes;
    private readonly Lock _lifecycle = new();
    private readonly CancellationTokenSource _stopping = new();
    private AlertSubscription? _subscription;
    private ITimer? _maintenance;
    private volatile bool _stopped;

    /// <summary>Creates a dispatcher for the routing tree <paramref name="root"/>; call <see cref="Start"/> to run it.</summary>
    public Dispatcher(Route root, AlertStore store, NotifyFunc notify, TimeProvider clock, DispatcherOptions? options = null)
    {
        Root = root;
        _store = store;
        _notify = notify;
        _clock = clock;
        _options = options ?? new DispatcherOptions();
        _routes = new Route[root.Count];
        root.Walk(r => _routes[r.Index] = r);
        _groups = new ConcurrentDictionary<LabelSet, AggregationGroup>[_routes.Length];
        for (var i = 0; i < _groups.Length; i++)
        {
            _groups[i] = new ConcurrentDictionary<LabelSet, AggregationGroup>();
        }
    }

    /// <summary>The routing tree.</summary>
    public Route Root { get; }

    /// <summary>How many aggregation groups exist (<c>alertmanager_dispatcher_aggregation_groups</c>).</summary>
    public int GroupCount => _groups.Sum(g => g.Count);

    /// <summary>Subscribes to the store (receiving every stored alert first) and starts maintenance.</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_subscription is not null || _stopped)
            {
                return;
            }
            var every = TimerSpans.Clamp(_options.MaintenanceInterval);
            _maintenance = _clock.CreateTimer(static s => ((Dispatcher)s!).RemoveEmptyGroups(), this, every, every);
            _subscription = _store.Subscribe("dispatcher", (Action<Fingerprint, Alert>)Process, e => _options.OnError?.Invoke("routing an alert failed", e));
        }
    }

    /// <summary>Completes once every alert stored so far has been routed (for tests and orderly shutdown).</summary>
    public Task WhenIdleAsync() => _subscription?.WhenIdleAsync() ?? Task.CompletedTask;

    /// <summary>Routes one alert into the groups of every route it matches.</summary>
    public void Process(Alert alert) => Process(alert.Fingerprint, alert);

    /// <summary>Routes one alert whose fingerprint is known.</summary>
    public void Process(Fingerprint fingerprint, Alert alert)
    {
        if (_stopped)
        {
            return;
        }
        foreach (var route in Root.Match(alert.Labels))
        {
            Insert(route, fingerprint, alert);
        }
    }

    /// <summary>
    /// The groups for the API: per route passing <paramref name="routeFilter"/>, the alerts passing
    /// <paramref name="alertFilter"/> (given the current time); groups left empty are omitted.
    /// </summary>
    public DispatchGroups Groups(Func<Route, bool> routeFilter, Func<Alert, DateTimeOffset, bool> alertFilter)
    {
        var now = _clock.GetUtcNow();
        var groups = new List<AlertGroupInfo>();
        var receivers = new Dictionary<Fingerprint, List<string>>();
        foreach (var route in _routes)
        {
            if (_groups[route.Index].IsEmpty || !routeFilter(route))
            {
                continue;
            }
            foreach (var group in _groups[route.Index].Values)
            {
                var alerts = group.Alerts.Where(a => alertFilter(a, now)).ToList();
                if (alerts.Count == 0)
                {
                    continue;
                }
                foreach (var alert in alerts)
                {
                    Add(receivers, alert.Fingerprint, route.Receiver);
                }
                alerts.Sort(GoOrder.CompareAlerts);
                groups.Add(new AlertGroupInfo(group.Labels, route.Receiver, route, group.GroupKey, alerts));
            }
        }
        groups.Sort(CompareGroups);
        return new DispatchGroups(groups, receivers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value.Order(Comparer<string>.Create(GoOrder.Compare))]));
    }

    /// <summary>All current groups (any route), for diagnostics and tests.</summary>
    public IReadOnlyList<AggregationGroup> AllGroups() => [.. _groups.SelectMany(g => g.Values)];

    /// <summary>Stops routing, maintenance and every group's timer; cancels notifications in flight.</summary>
    public void Stop()
    {
        _stopped = true;
        _stopping.Cancel();
        lock (_lifecycle)
        {
            _subscription?.Dispose();
            _maintenance?.Dispose();
        }
        foreach (var groups in _groups)
        {
            foreach (var group in groups.Values)
            {
                group.Stop();
            }
            groups.Clear();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    /// <summary>Removes (and stops) groups that hold no alert; upstream does this every 30s.</summary>
    public void RemoveEmptyGroups()
    {
        foreach (var groups in _groups)
        {
            foreach (var (labels, group) in groups)
            {
                if (group.TryRetire())
                {
                    groups.TryRemove(new KeyValuePair<LabelSet, AggregationGroup>(labels, group));
                    group.Stop();
                }
            }
        }
    }

    private void Insert(Route route, Fingerprint fingerprint, Alert alert)
    {
        var groups = _groups[route.Index];
        var labels = route.GroupLabels(alert.Labels);
        while (true)
        {
            if (groups.TryGetValue(labels, out var existing))
            {
                if (existing.TryInsert(fingerprint, alert))
                {
                    return;
                }
                // Retired by maintenance in the meantime: replace it with a fresh group.
                groups.TryRemove(new KeyValuePair<LabelSet, AggregationGroup>(labels, existing));
            }
            var created = new AggregationGroup(route, labels, _clock, _notify, _options, _stopping.Token);
            created.TryInsert(fingerprint, alert);
            if (groups.TryAdd(labels, created))
            {
                created.Start();
                return;
            }
        }
    }

    private static void Add(Dictionary<Fingerprint, List<string>> receivers, Fingerprint fingerprint, string receiver)
    {
        if (!receivers.TryGetValue(fingerprint, out var list))
        {
            receivers[fingerprint] = list = [];
        }
        list.Add(receiver);
    }

    private static int CompareGroups(AlertGroupInfo a, AlertGroupInfo b)
    {
        if (a.Labels.Equals(b.Labels))
        {
            return GoOrder.Compare(a.Receiver, b.Receiver);
        }
        return GoOrder.Before(a.Labels, b.Labels) ? -1 : 1;
    }
}
