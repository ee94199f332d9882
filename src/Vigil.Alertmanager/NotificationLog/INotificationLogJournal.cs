namespace Vigil.Alertmanager.NotificationLog;

/// <summary>Where an <see cref="InMemoryNotificationLog"/> makes its entries durable.</summary>
public interface INotificationLogJournal
{
    /// <summary>The entries as last recorded, read once at start-up (the log keeps the latest per key).</summary>
    IEnumerable<NotificationLogEntry> Recover();

    /// <summary>Records one entry; returns only once it is durable.</summary>
    void Record(NotificationLogEntry entry);

    /// <summary>Rewrites the journal to hold just these entries (after GC), so it stays small.</summary>
    void Compact(IEnumerable<NotificationLogEntry> entries);
}
