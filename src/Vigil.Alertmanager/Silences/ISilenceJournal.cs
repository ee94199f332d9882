namespace Vigil.Alertmanager.Silences;

/// <summary>Where a <see cref="SilenceStore"/> makes its changes durable.</summary>
public interface ISilenceJournal
{
    /// <summary>The silences as last recorded (the latest version of each id), read once at start-up.</summary>
    IEnumerable<Silence> Recover();

    /// <summary>Records the new version of a silence; returns only once it is durable.</summary>
    void Record(Silence silence);

    /// <summary>
    /// Queues the new version of a silence; the task completes once it is durable. Versions reach
    /// the journal in call order. The default records synchronously.
    /// </summary>
    Task RecordAsync(Silence silence)
    {
        Record(silence);
        return Task.CompletedTask;
    }

    /// <summary>Rewrites the journal to hold just these silences (after GC), so it stays small.</summary>
    void Compact(IEnumerable<Silence> silences);
}
