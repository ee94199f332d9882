namespace Vigil.Tsdb.Head;

/// <summary>A sample an appender buffered for a series, waiting for commit.</summary>
internal readonly record struct PendingSample(MemSeries Series, long Timestamp, double Value);

/// <summary>
/// Where the head makes a commit durable before applying it (the write-ahead log). Implementations
/// must record every not-yet-logged series before the samples that refer to it.
/// </summary>
internal interface IHeadLog
{
    /// <summary>Writes and syncs the samples; returns only once they would survive a crash.</summary>
    void Write(ReadOnlySpan<PendingSample> samples);

    /// <summary>Writes and syncs a commit holding histogram samples (and maybe floats), in append order, with the same guarantees.</summary>
    void WriteMixed(ReadOnlySpan<PendingSample> floats, IReadOnlyList<PendingHistogram> histograms);

    /// <summary>
    /// Writes the exemplars of a commit after its samples (with a series record for any series not logged yet).
    /// Not synced on its own: the next commit's sync or the log's close makes it durable.
    /// </summary>
    void WriteExemplars(ReadOnlySpan<PendingExemplar> exemplars);

    /// <summary>Writes and syncs deletions of series the log already holds; returns only once they would survive a crash.</summary>
    void WriteTombstones(IReadOnlyList<Tombstones.Tombstone> tombstones);
}

/// <summary>A histogram sample an appender buffered for a series, waiting for commit.</summary>
/// <remarks><paramref name="FloatsBefore"/> is how many float samples the appender had buffered before it, which keeps the append order across kinds.</remarks>
internal readonly record struct PendingHistogram(MemSeries Series, long Timestamp, Model.Histograms.FloatHistogram Histogram, int FloatsBefore);

/// <summary>An exemplar an appender buffered for a series, waiting for commit.</summary>
internal readonly record struct PendingExemplar(MemSeries Series, Storage.Exemplars.Exemplar Exemplar);
