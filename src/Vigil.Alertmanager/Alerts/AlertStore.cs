using System.Runtime.InteropServices;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Alerts;

/// <summary>
/// All alerts Alertmanager currently knows, keyed by fingerprint. A re-sent alert merges with the
/// stored one when their intervals overlap (<see cref="AlertMerge"/>); resolved alerts are
/// garbage collected every gc interval. Subscribers (dispatcher, inhibitor) get every stored
/// version through an <see cref="AlertSubscription"/>.
/// </summary>
/// <remarks>
/// The map is split into independently locked stripes so that concurrent writers of different
/// alerts do not contend; a lock is held only for one lookup, one store and the hand-off to each
/// subscriber (which never blocks, see <see cref="AlertSubscription"/>).
/// </remarks>
public sealed class AlertStore : IDisposable
{
    private const int StripeCount = 64;

    private readonly Dictionary<Fingerprint, Alert>[] _stripes;
    private readonly TimeProvider _clock;
    private readonly IAlertMarker _marker;
    private readonly ITimer _gcTimer;
    private readonly Lock _subscriptionsGate = new();
    private volatile AlertSubscription[] _subscriptions = [];

    /// <summary>Creates a store whose garbage collection runs every <paramref name="gcInterval"/> on <paramref name="clock"/>.</summary>
    public AlertStore(TimeProvider clock, IAlertMarker marker, TimeSpan gcInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gcInterval, TimeSpan.Zero);
        _clock = clock;
        _marker = marker;
        _stripes = new Dictionary<Fingerprint, Alert>[StripeCount];
        for (var i = 0; i < StripeCount; i++)
        {
            _stripes[i] = [];
        }
        var interval = TimerSpans.Clamp(gcInterval);
        _gcTimer = clock.CreateTimer(static s => ((AlertStore)s!).CollectGarbage(), this, interval, interval);
    }

    /// <summary>The default <c>--alerts.gc-interval</c>.</summary>
    public static TimeSpan DefaultGcInterval { get; } = TimeSpan.FromMinutes(30);

    /// <summary>Called after each garbage collection with the alerts it deleted (possibly none).</summary>
    public event Action<IReadOnlyList<Alert>>? GarbageCollected;

    /// <summary>How many alerts are held, resolved ones not yet collected included.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe)
                {
                    n += stripe.Count;
                }
            }
            return n;
        }
    }

    /// <summary>
    /// How many unresolved alerts the marker puts in <paramref name="state"/>: the
    /// <c>alertmanager_alerts{state=...}</c> gauge.
    /// </summary>
    public int CountInState(AlertState state)
    {
        var now = _clock.GetUtcNow();
        var n = 0;
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                foreach (var (fingerprint, alert) in stripe)
                {
                    if (!alert.ResolvedAt(now) && _marker.Status(fingerprint).State == state)
                    {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /// <summary>Stores alerts, merging each with the stored version of the same fingerprint as Alertmanager does.</summary>
    public void Put(IReadOnlyList<Alert> alerts)
    {
        var now = _clock.GetUtcNow();
        var subscriptions = _subscriptions;
        for (var i = 0; i < alerts.Count; i++)
        {
            Put(alerts[i], now, subscriptions);
        }
    }

    /// <summary>The stored alert with this fingerprint, or null.</summary>
    public Alert? Get(Fingerprint fingerprint)
    {
        var stripe = StripeOf(fingerprint);
        lock (stripe)
        {
            return stripe.GetValueOrDefault(fingerprint);
        }
    }

    /// <summary>A snapshot of all stored alerts, in no particular order.</summary>
    public IReadOnlyList<Alert> GetAll()
    {
        var all = new List<Alert>();
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                all.AddRange(stripe.Values);
            }
        }
        return all;
    }

    /// <summary>
    /// Subscribes to stored alerts: <paramref name="handler"/> first receives every alert held now,
    /// then every alert as it is stored. Dispose the subscription to stop.
    /// </summary>
    public AlertSubscription Subscribe(string name, Action<Alert> handler, Action<Exception>? onError = null) =>
        Subscribe(name, (_, alert) => handler(alert), onError);

    /// <summary>Like <see cref="Subscribe(string, Action{Alert}, Action{Exception}?)"/>, also handing over the fingerprint the store computed.</summary>
    public AlertSubscription Subscribe(string name, Action<Fingerprint, Alert> handler, Action<Exception>? onError = null)
    {
        var subscription = new AlertSubscription(name, handler, onError, Unsubscribe);
        lock (_subscriptionsGate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }
        // Registered first, so nothing stored from now on is missed; under each stripe's lock, so a
        // snapshot entry can never overtake a newer live version of the same alert.
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                foreach (var (fingerprint, alert) in stripe)
                {
                    subscription.OfferInitial(fingerprint, alert);
                }
            }
        }
        subscription.Loaded();
        return subscription;
    }

    /// <summary>Deletes resolved alerts now, tells the marker and <see cref="GarbageCollected"/>; returns them.</summary>
    public IReadOnlyList<Alert> CollectGarbage()
    {
        var now = _clock.GetUtcNow();
        var deleted = new List<Alert>();
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                CollectStripe(stripe, now, deleted);
            }
        }
        foreach (var alert in deleted)
        {
            _marker.Delete(alert.Fingerprint);
        }
        GarbageCollected?.Invoke(deleted);
        return deleted;
    }

    /// <summary>Stops garbage collection.</summary>
    public void Dispose() => _gcTimer.Dispose();

    private static void CollectStripe(Dictionary<Fingerprint, Alert> stripe, DateTimeOffset now, List<Alert> deleted)
    {
        foreach (var (fingerprint, alert) in stripe)
        {
            if (alert.ResolvedAt(now))
            {
                // Removing the current entry while enumerating is allowed for Dictionary.
                stripe.Remove(fingerprint);
                deleted.Add(alert);
            }
        }
    }

    private void Put(Alert alert, DateTimeOffset now, AlertSubscription[] subscriptions)
    {
        var fingerprint = alert.Fingerprint;
        var stripe = StripeOf(fingerprint);
        lock (stripe)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(stripe, fingerprint, out var exists);
            slot = exists ? AlertMerge.Combine(slot!, alert, now) : alert;
            foreach (var subscription in subscriptions)
            {
                subscription.Offer(fingerprint, slot);
            }
        }
    }

    private Dictionary<Fingerprint, Alert> StripeOf(Fingerprint fingerprint) =>
        _stripes[(int)((fingerprint.Value ^ (fingerprint.Value >> 32)) & (StripeCount - 1))];

    private void Unsubscribe(AlertSubscription subscription)
    {
        lock (_subscriptionsGate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }
}
