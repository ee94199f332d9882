using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>Cardinality statistics of the head.</summary>
public sealed partial class TsdbHead
{
    /// <summary>
    /// Totals and the <paramref name="limit"/> largest entries of each ranking; the per-metric ranking
    /// counts the values of <paramref name="byLabel"/> (upstream uses <c>__name__</c>).
    /// </summary>
    public HeadStatistics Statistics(string byLabel, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        LabelIndex.Cardinality cardinality;
        _indexLock.EnterReadLock();
        try
        {
            cardinality = _index.Count(byLabel, limit);
        }
        finally
        {
            _indexLock.ExitReadLock();
        }
        long chunks = 0;
        foreach (var series in _series.All())
        {
            lock (series)
            {
                chunks += series.ChunkCount;
            }
        }
        return new HeadStatistics(cardinality.Series, cardinality.Pairs, chunks, MinTime, MaxTime)
        {
            SeriesCountByMetricName = cardinality.ByMetric,
            LabelValueCountByLabelName = cardinality.ValuesByName,
            MemoryInBytesByLabelName = cardinality.BytesByName,
            SeriesCountByLabelValuePair = cardinality.SeriesByPair,
        };
    }
}
