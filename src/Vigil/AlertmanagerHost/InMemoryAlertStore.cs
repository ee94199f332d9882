using System.Collections.Concurrent;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// TEMPORARY stand-in until <c>Alerts/AlertStore</c> lands: alerts by fingerprint, merged as
/// upstream merges a re-sent alert (keeps the earlier start while the alert is still open).
/// </summary>
public sealed class InMemoryAlertStore
{
    private readonly ConcurrentDictionary<Fingerprint, Alert> _alerts = new();

    /// <summary>Stores or merges alerts.</summary>
    public void Put(IReadOnlyList<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            _alerts.AddOrUpdate(alert.Fingerprint, alert, (_, old) => Merge(old, alert));
        }
    }

    /// <summary>A snapshot of every alert.</summary>
    public IEnumerable<Alert> All() => _alerts.Values;

    /// <summary>Drops alerts resolved before <paramref name="now"/>.</summary>
    public void Collect(DateTimeOffset now)
    {
        foreach (var (fp, alert) in _alerts)
        {
            if (alert.ResolvedAt(now))
            {
                _alerts.TryRemove(fp, out _);
            }
        }
    }

    private static Alert Merge(Alert old, Alert incoming)
    {
        // A new alert instance (the old one ended before this starts) replaces the old one.
        if (old.EndsAt < incoming.StartsAt)
        {
            return incoming;
        }
        return incoming with { StartsAt = old.StartsAt < incoming.StartsAt ? old.StartsAt : incoming.StartsAt };
    }
}
