using Vigil.Model.Labels;

namespace Vigil.Alertmanager.NotificationLog;

/// <summary>
/// What one integration of a receiver last sent for one group: the alerts that were firing and
/// resolved when it notified, and when. Plain data on purpose, so the journal
/// (<see cref="NotificationLogEntryCodec"/>) can write and read entries without knowing about the pipeline.
/// </summary>
/// <param name="ReceiverKey">The integration's key (<c>receiver/integration/index</c>).</param>
/// <param name="GroupKey">The aggregation group's key.</param>
/// <param name="Timestamp">When the notification was logged (after it was delivered).</param>
/// <param name="FiringAlerts">Fingerprints of the alerts that were firing.</param>
/// <param name="ResolvedAlerts">Fingerprints of the alerts that were resolved.</param>
/// <param name="ExpiresAt">When garbage collection may drop the entry.</param>
public sealed record NotificationLogEntry(
    string ReceiverKey,
    string GroupKey,
    DateTimeOffset Timestamp,
    IReadOnlyList<Fingerprint> FiringAlerts,
    IReadOnlyList<Fingerprint> ResolvedAlerts,
    DateTimeOffset ExpiresAt)
{
    /// <summary>Whether every alert in <paramref name="firing"/> was firing at the last notification.</summary>
    public bool IsFiringSubset(IReadOnlySet<Fingerprint> firing) => IsSubset(FiringAlerts, firing);

    /// <summary>Whether every alert in <paramref name="resolved"/> was resolved at the last notification.</summary>
    public bool IsResolvedSubset(IReadOnlySet<Fingerprint> resolved) => IsSubset(ResolvedAlerts, resolved);

    private static bool IsSubset(IReadOnlyList<Fingerprint> logged, IReadOnlySet<Fingerprint> candidate)
    {
        if (candidate.Count == 0)
        {
            return true;
        }

        var known = logged.ToHashSet();
        return candidate.All(known.Contains);
    }
}
