using Vigil.Storage;
using Vigil.Tsdb.Blocks;

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

/// <summary>Adapts <see cref="Head.Head"/> (and optionally its write-ahead log) for the compactor.</summary>
/// <param name="head">The head to persist from.</param>
/// <param name="truncateLog">Drops log records older than the given time; null while no log is attached.</param>
public sealed class HeadCompactionSource(Head.Head head, Action<long>? truncateLog = null) : ICompactableHead
{
    /// <remarks>
    /// The head drops whole chunks, so after a truncation it can still hold a few samples before the block's end.
    /// Those are already persisted; starting from <see cref="Head.Head.MinValidTime"/> keeps them from being cut twice.
    /// </remarks>
    public long MinTime => head.MinTime == long.MaxValue ? long.MaxValue : Math.Max(head.MinTime, head.MinValidTime);

    /// <inheritdoc />
    public long MaxTime => head.MaxTime;

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Model.Labels.Matcher> matchers) => head.Select(mint, maxt, matchers);

    /// <summary>Refuses samples older than <paramref name="mint"/> from now on (so blocks never overlap the head), then truncates head and log.</summary>
    public void Truncate(long mint)
    {
        head.MinValidTime = mint;
        head.Truncate(mint);
        truncateLog?.Invoke(mint);
    }

    /// <summary>Reads the head and the blocks of <paramref name="blocks"/> as one storage.</summary>
    public static FanoutStorage Storage(Head.Head head, BlockStore blocks) => new(head, blocks);
}
