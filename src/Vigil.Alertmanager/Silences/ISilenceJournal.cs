namespace Vigil.Alertmanager.Silences;

/// <summary>Where a <see cref="SilenceStore"/> makes its changes durable.</summary>
public interface ISilenceJournal
{
    /// <summary>The silences as last recorded (the latest version of each id), read once at start-up.</summary>
    IEnumerable<Silence> Recover();

    /// <summary>Records the new version of a silence; returns only once it is durable.</summary>
    void Record(Silence silence);

    /// <summary>Rewrites the journal to hold just these silences (after GC), so it stays small.</summary>
    void Compact(IEnumerable<Silence> silences);
}
