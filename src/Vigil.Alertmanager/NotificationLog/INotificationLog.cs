using Vigil.Model.Labels;

namespace Vigil.Alertmanager.NotificationLog;

/// <summary>
/// Remembers what was sent to whom, so the dedup stage can tell a new notification from a repeat.
/// One entry per (integration, group): a newer notification replaces the older entry.
/// </summary>
public interface INotificationLog
{
    /// <summary>Records that an integration notified about a group.</summary>
    /// <param name="receiverKey">The integration's key (<c>receiver/integration/index</c>).</param>
    /// <param name="groupKey">The group's key.</param>
    /// <param name="firingAlerts">Fingerprints of the firing alerts the notification covered.</param>
    /// <param name="resolvedAlerts">Fingerprints of the resolved alerts the notification covered.</param>
    /// <param name="timestamp">When the notification went out.</param>
    /// <param name="expiry">How long the entry must be kept at least (twice the repeat interval);
    /// the log's retention caps it. Zero or negative: keep for the retention.</param>
    void Log(
        string receiverKey,
        string groupKey,
        IReadOnlyList<Fingerprint> firingAlerts,
        IReadOnlyList<Fingerprint> resolvedAlerts,
        DateTimeOffset timestamp,
        TimeSpan expiry);

    /// <summary>The last entry for an integration and group, or null when there is none.</summary>
    NotificationLogEntry? Query(string receiverKey, string groupKey);
}
