namespace Vigil.Storage;

/// <summary>
/// Cardinality facts about the in-memory head (<c>/api/v1/status/tsdb</c>): totals plus the largest
/// entries of each ranking, largest first.
/// </summary>
/// <param name="NumSeries">Series in the head.</param>
/// <param name="NumLabelPairs">Distinct label name/value pairs.</param>
/// <param name="ChunkCount">Chunks held in memory.</param>
/// <param name="MinTime">The oldest sample's timestamp (<see cref="long.MaxValue"/> while empty, as upstream).</param>
/// <param name="MaxTime">The newest sample's timestamp (<see cref="long.MinValue"/> while empty).</param>
public sealed record HeadStatistics(long NumSeries, int NumLabelPairs, long ChunkCount, long MinTime, long MaxTime)
{
    /// <summary>Series per metric name.</summary>
    public IReadOnlyList<CountStat> SeriesCountByMetricName { get; init; } = [];

    /// <summary>Distinct values per label name.</summary>
    public IReadOnlyList<CountStat> LabelValueCountByLabelName { get; init; } = [];

    /// <summary>Bytes the label's names and values take over all series, per label name.</summary>
    public IReadOnlyList<CountStat> MemoryInBytesByLabelName { get; init; } = [];

    /// <summary>Series per <c>name=value</c> pair.</summary>
    public IReadOnlyList<CountStat> SeriesCountByLabelValuePair { get; init; } = [];
}

/// <summary>One ranked entry: a name and its count.</summary>
/// <param name="Name">The metric name, label name or <c>name=value</c> pair.</param>
/// <param name="Value">The count.</param>
public readonly record struct CountStat(string Name, long Value);

/// <summary>Where start-up's write-ahead-log replay stands: first and last segment, and the one being read.</summary>
/// <param name="Min">The first segment replayed.</param>
/// <param name="Max">The last segment.</param>
/// <param name="Current">The segment being replayed (equal to <paramref name="Max"/> once done).</param>
public readonly record struct WalReplayStatus(int Min, int Max, int Current);
