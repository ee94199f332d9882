namespace Vigil.Api.Metrics;

/// <summary>
/// The observations a summary's quantiles are computed from: those of the last 10 minutes, in 5 buckets of 2
/// minutes that age out one at a time (client_golang's default MaxAge and AgeBuckets), so a quantile reflects
/// recent behaviour rather than the whole process lifetime. Quantiles are exact over what is kept (nearest rank);
/// a bucket keeps at most <see cref="MaxPerBucket"/> values, the oldest overwritten first, which bounds memory when
/// many targets feed one series. Not thread-safe: <see cref="MetricSeries"/> locks around it.
/// </summary>
internal sealed class SummaryWindow(TimeProvider time)
{
    /// <summary>How long an observation counts towards the quantiles.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private const int BucketCount = 5;
    private const int MaxPerBucket = 4096;
    private static readonly long BucketTicks = MaxAge.Ticks / BucketCount;

    private readonly List<double>[] _buckets = [.. Enumerable.Range(0, BucketCount).Select(_ => new List<double>())];
    private readonly long[] _epochs = Enumerable.Repeat(long.MinValue, BucketCount).ToArray();
    private readonly long[] _written = new long[BucketCount];

    public void Observe(double value)
    {
        var epoch = CurrentEpoch();
        var i = (int)(epoch % BucketCount);
        if (_epochs[i] != epoch)
        {
            // This slot last held observations from 10 minutes ago or more.
            _buckets[i].Clear();
            _written[i] = 0;
            _epochs[i] = epoch;
        }
        var bucket = _buckets[i];
        if (bucket.Count < MaxPerBucket)
        {
            bucket.Add(value);
        }
        else
        {
            bucket[(int)(_written[i] % MaxPerBucket)] = value;
        }
        _written[i]++;
    }

    /// <summary>The value at each quantile (0..1) of the recent observations; NaN when there are none.</summary>
    public double[] Quantiles(IReadOnlyList<double> quantiles)
    {
        var oldest = CurrentEpoch() - BucketCount + 1;
        var values = new List<double>();
        for (var i = 0; i < BucketCount; i++)
        {
            if (_epochs[i] >= oldest)
            {
                values.AddRange(_buckets[i]);
            }
        }
        values.Sort();
        return [.. quantiles.Select(q => Rank(values, q))];
    }

    private static double Rank(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var index = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private long CurrentEpoch() => time.GetUtcNow().UtcTicks / BucketTicks;
}
