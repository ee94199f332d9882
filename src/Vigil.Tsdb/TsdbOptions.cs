namespace Vigil.Tsdb;

/// <summary>Where and how the time-series database keeps its data (the <c>--storage.tsdb.*</c> flags).</summary>
public sealed record TsdbOptions
{
    /// <summary>The data directory (<c>--storage.tsdb.path</c>); the WAL lives in its <c>wal</c> folder.</summary>
    public required string Path { get; init; }

    /// <summary>How long samples are kept (<c>--storage.tsdb.retention.time</c>); upstream's default is 15 days.</summary>
    public TimeSpan RetentionTime { get; init; } = TimeSpan.FromDays(15);

    /// <summary>The most bytes blocks may use (<c>--storage.tsdb.retention.size</c>); 0 means no size limit.</summary>
    public long RetentionSize { get; init; }

    /// <summary>How far behind the newest sample out-of-order samples are still accepted; only 0 (none) is supported.</summary>
    public TimeSpan OutOfOrderTimeWindow { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How many exemplars the head keeps (upstream's <c>storage.exemplars.max_exemplars</c> with
    /// <c>--enable-feature=exemplar-storage</c>); 0, the default, keeps none, as upstream without the feature.
    /// </summary>
    public long MaxExemplars { get; init; }

    /// <summary>The time range a persisted block covers (upstream's minimum block duration, 2h).</summary>
    public TimeSpan BlockDuration { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The size at which the WAL starts a new segment file.</summary>
    public long WalSegmentSize { get; init; } = Wal.WriteAheadLog.DefaultSegmentSize;

    /// <summary>The size of one head chunk file in <c>chunks_head</c> (upstream's 128 MiB).</summary>
    public int HeadChunkSegmentSize { get; init; } = Head.ChunkFiles.HeadChunkFiles.DefaultSegmentSize;
}
