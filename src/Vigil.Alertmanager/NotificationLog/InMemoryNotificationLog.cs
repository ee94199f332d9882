using System.Diagnostics.Metrics;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.NotificationLog;

/// <summary>
/// The notification log held in memory, with retention-based garbage collection.
/// </summary>
/// <remarks>
/// State is a map of immutable <see cref="NotificationLogEntry"/> records keyed by (group key,
/// receiver key). With an <see cref="INotificationLogJournal"/>, <see cref="Log"/> makes each entry
/// durable before it is visible or returns, so a notification only counts as sent once a restart
/// would still know of it; the journal is replayed at construction and compacted by <see cref="Maintain"/>.
/// </remarks>
public sealed class InMemoryNotificationLog : INotificationLog
{
    /// <summary>Alertmanager's default <c>--data.retention</c>.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromHours(120);

    /// <summary>How often Alertmanager runs maintenance (garbage collection, snapshot).</summary>
    public static readonly TimeSpan DefaultMaintenanceInterval = TimeSpan.FromMinutes(15);

    private readonly Dictionary<(string GroupKey, string ReceiverKey), NotificationLogEntry> _entries = [];
    private readonly Lock _lock = new();

    // Orders journal writes against compaction: an entry appended after the compaction's snapshot
    // but before its rename would otherwise vanish from disk. Separate from _lock so queries never
    // wait for an fsync.
    private readonly Lock _journalLock = new();
    private readonly INotificationLogJournal? _journal;
    private readonly Action<string>? _warn;
    private readonly TimeProvider _time;
    private long _queries;
    private long _maintenances;

    /// <summary>Creates an empty log.</summary>
    /// <param name="time">The clock garbage collection compares expiry times against.</param>
    /// <param name="retention">How long entries are kept at most (<c>--data.retention</c>).</param>
    /// <param name="meter">Where to publish <c>alertmanager_nflog_*</c> metrics; none when null.</param>
    /// <param name="journal">Where entries are made durable and recovered from; memory only when null.</param>
    /// <param name="warn">Where failed maintenance runs (e.g. a compaction hitting a full disk) are reported.</param>
    public InMemoryNotificationLog(TimeProvider time, TimeSpan? retention = null, Meter? meter = null, INotificationLogJournal? journal = null, Action<string>? warn = null)
    {
        _time = time;
        _journal = journal;
        _warn = warn;
        Retention = retention ?? DefaultRetention;
        if (Retention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retention), Retention, "retention must be positive");
        }

        // Observable, so the series exist (at zero) for a listener that starts after this log.
        meter?.CreateObservableCounter("alertmanager_nflog_queries_total", () => Interlocked.Read(ref _queries), unit: null, description: "Number of notification log queries were received.");
        meter?.CreateObservableCounter("alertmanager_nflog_maintenance_total", () => Interlocked.Read(ref _maintenances), unit: null, description: "How many maintenances were executed for the notification log.");
        if (journal is not null)
        {
            Restore(journal.Recover());
        }
    }

    /// <summary>How long entries are kept at most.</summary>
    public TimeSpan Retention { get; }

    /// <summary>The number of entries held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public void Log(
        string receiverKey,
        string groupKey,
        IReadOnlyList<Fingerprint> firingAlerts,
        IReadOnlyList<Fingerprint> resolvedAlerts,
        DateTimeOffset timestamp,
        TimeSpan expiry)
    {
        var keep = expiry > TimeSpan.Zero && expiry < Retention ? expiry : Retention;
        var entry = new NotificationLogEntry(receiverKey, groupKey, timestamp, [.. firingAlerts], [.. resolvedAlerts], timestamp + keep);
        lock (_journalLock)
        {
            // Disk first: if the append throws, the notification is not recorded anywhere and the
            // caller sees the failure, rather than memory claiming what a restart would forget.
            _journal?.Record(entry);
            lock (_lock)
            {
                Put(entry);
            }
        }
    }

    /// <inheritdoc />
    public NotificationLogEntry? Query(string receiverKey, string groupKey)
    {
        Interlocked.Increment(ref _queries);
        lock (_lock)
        {
            return _entries.GetValueOrDefault((groupKey, receiverKey));
        }
    }

    /// <summary>Drops every entry whose expiry time has passed; returns how many.</summary>
    public int CollectGarbage()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var expired = _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList();
            foreach (var key in expired)
            {
                _entries.Remove(key);
            }

            return expired.Count;
        }
    }

    /// <summary>One maintenance run: garbage collection, then compacting the journal to the live entries.</summary>
    public int Maintain()
    {
        Interlocked.Increment(ref _maintenances);
        lock (_journalLock)
        {
            var collected = CollectGarbage();
            _journal?.Compact(Snapshot());
            return collected;
        }
    }

    /// <summary>Runs <see cref="Maintain"/> every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunMaintenanceAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                TryMaintain();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: nothing to clean up beyond the timer.
        }
    }

    // A failed compaction leaves the old file intact (temp + rename), so the loop reports and
    // carries on: stopping would let the journal grow without bound.
    private void TryMaintain()
    {
        try
        {
            Maintain();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warn?.Invoke($"notification log maintenance failed: {e.Message}");
        }
    }

    /// <summary>A consistent copy of all entries, for persisting.</summary>
    public IReadOnlyList<NotificationLogEntry> Snapshot()
    {
        lock (_lock)
        {
            return [.. _entries.Values];
        }
    }

    /// <summary>Loads entries (e.g. from disk); expired ones are skipped, newer entries win.</summary>
    public void Restore(IEnumerable<NotificationLogEntry> entries)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            foreach (var entry in entries.Where(e => e.ExpiresAt > now))
            {
                Put(entry);
            }
        }
    }

    private void Put(NotificationLogEntry entry)
    {
        var key = (entry.GroupKey, entry.ReceiverKey);
        // An older write must not replace a newer one (racing flushes, restored snapshots).
        if (_entries.TryGetValue(key, out var previous) && previous.Timestamp > entry.Timestamp)
        {
            return;
        }

        _entries[key] = entry;
    }
}
