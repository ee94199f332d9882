using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Inhibit;

/// <summary>
/// Mutes alerts that an inhibition rule says are implied by a firing source alert, and records
/// the verdict in the marker. Source alerts come from the alert store's subscription; resolved
/// ones stop inhibiting at once and leave the cache at the next cache collection (every 15m, as
/// upstream).
/// </summary>
public sealed class Inhibitor : IAlertMuter, IDisposable
{
    /// <summary>How often resolved sources are dropped from the rule caches.</summary>
    public static readonly TimeSpan CacheGcInterval = TimeSpan.FromMinutes(15);

    private readonly AlertStore _store;
    private readonly IAlertMarker _marker;
    private readonly TimeProvider _clock;
    private readonly Lock _lifecycle = new();
    private AlertSubscription? _subscription;
    private ITimer? _gc;
    private bool _stopped;

    /// <summary>Creates an inhibitor for the configured rules; call <see cref="Start"/> to feed it.</summary>
    public Inhibitor(IReadOnlyList<InhibitRuleConfig> rules, AlertStore store, IAlertMarker marker, TimeProvider clock)
    {
        Rules = [.. rules.Select(r => new InhibitRule(r))];
        _store = store;
        _marker = marker;
        _clock = clock;
    }

    /// <summary>The rules in configuration order.</summary>
    public IReadOnlyList<InhibitRule> Rules { get; }

    /// <summary>Subscribes to the store (receiving every stored alert first) and starts the cache collection.</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_subscription is not null || _stopped)
            {
                return;
            }
            _gc = _clock.CreateTimer(static s => ((Inhibitor)s!).CollectGarbage(), this, CacheGcInterval, CacheGcInterval);
            _subscription = _store.Subscribe("inhibitor", (Action<Fingerprint, Alert>)Observe);
        }
    }

    /// <summary>Completes once every alert stored so far has been seen (for tests).</summary>
    public Task WhenIdleAsync() => _subscription?.WhenIdleAsync() ?? Task.CompletedTask;

    /// <summary>Feeds one stored alert to the rule caches.</summary>
    public void Observe(Alert alert) => Observe(alert.Fingerprint, alert);

    /// <summary>Feeds one stored alert whose fingerprint is known.</summary>
    public void Observe(Fingerprint fingerprint, Alert alert)
    {
        foreach (var rule in Rules)
        {
            rule.Observe(fingerprint, alert);
        }
    }

    /// <inheritdoc />
    public bool Mutes(LabelSet labels)
    {
        var fingerprint = labels.Fingerprint;
        var now = _clock.GetUtcNow();
        foreach (var rule in Rules)
        {
            if (rule.Inhibits(labels, now, out var source))
            {
                _marker.SetInhibited(fingerprint, [source.ToString()]);
                return true;
            }
        }
        _marker.SetInhibited(fingerprint, []);
        return false;
    }

    /// <summary>Drops resolved sources from every rule's cache.</summary>
    public void CollectGarbage()
    {
        var now = _clock.GetUtcNow();
        foreach (var rule in Rules)
        {
            rule.CollectGarbage(now);
        }
    }

    /// <summary>Stops feeding and collecting.</summary>
    public void Stop()
    {
        lock (_lifecycle)
        {
            _stopped = true;
            _subscription?.Dispose();
            _gc?.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();
}
