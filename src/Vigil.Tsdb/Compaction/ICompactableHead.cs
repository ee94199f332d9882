using Vigil.Storage;
using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Compaction;

/// <summary>What the compactor needs from the in-memory head: its time span, its data, and a way to let go of persisted data.</summary>
public interface ICompactableHead : ISeriesQuerier
{
    /// <summary>The oldest timestamp the head still has to persist (<see cref="long.MaxValue"/> when empty).</summary>
    long MinTime { get; }

    /// <summary>The newest sample's timestamp (<see cref="long.MinValue"/> when empty).</summary>
    long MaxTime { get; }

    /// <summary>Called once everything before <paramref name="mint"/> is in a durable block: drop it from memory and the write-ahead log.</summary>
    void Truncate(long mint);
}

/// <summary>Adapts the in-memory head (with or without its write-ahead log) for the compactor.</summary>
public sealed class HeadCompactionSource : ICompactableHead
{
    private readonly TsdbHead _head;
    private readonly Action<long> _truncate;

    /// <summary>A memory-only head: truncation refuses older samples from then on and drops them from memory.</summary>
    public HeadCompactionSource(TsdbHead head)
        : this(head, mint =>
        {
            head.MinValidTime = mint;
            head.Truncate(mint);
        })
    {
    }

    private HeadCompactionSource(TsdbHead head, Action<long> truncate) => (_head, _truncate) = (head, truncate);

    /// <summary>The database's head; truncation also checkpoints its write-ahead log (<see cref="TsdbStorage.TruncateHead"/>).</summary>
    public static HeadCompactionSource For(TsdbStorage storage) => new(storage.Head, storage.TruncateHead);

    /// <remarks>
    /// The head drops whole chunks, so after a truncation it can still hold a few samples before the block's end.
    /// Those are already persisted; starting from <see cref="TsdbHead.MinValidTime"/> keeps them from being cut twice.
    /// </remarks>
    public long MinTime => _head.MinTime == long.MaxValue ? long.MaxValue : Math.Max(_head.MinTime, _head.MinValidTime);

    /// <inheritdoc />
    public long MaxTime => _head.MaxTime;

    /// <inheritdoc />
    public bool MayHoldHistograms => _head.MayHoldHistograms;

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Model.Labels.Matcher> matchers) => _head.Select(mint, maxt, matchers);

    /// <summary>Refuses samples older than <paramref name="mint"/> from now on (so blocks never overlap the head), then truncates.</summary>
    public void Truncate(long mint) => _truncate(mint);
}
