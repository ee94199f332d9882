using System.Globalization;
using Vigil.Model.Histograms;

namespace Vigil.Scrape.Parsing.Protobuf;

/// <summary>
/// Turns a classic histogram (cumulative buckets by upper bound, a count and a sum) into a native histogram with
/// custom buckets (schema -53), as upstream's <c>convert_classic_histograms_to_nhcb</c> does: bounds may come in
/// any order and repeat (the first count of a bound wins), a missing +Inf bucket takes the count, and the counts
/// must be non-negative and cumulative, and the +Inf bucket must equal the count.
/// </summary>
internal sealed class CustomBucketsConversion
{
    private readonly List<(double UpperBound, double Count)> _buckets = [];

    /// <summary>
    /// The histogram from the message's buckets (each bucket's float count when it has one, else its integer count);
    /// throws <see cref="InvalidHistogramException"/> saying what is inconsistent.
    /// </summary>
    public FloatHistogram Convert(IReadOnlyList<(double UpperBound, ulong Count, double CountFloat)> buckets, double count, double sum, bool gauge)
    {
        if (count < 0)
        {
            throw new InvalidHistogramException($"count must be non-negative: count={Format(count)}");
        }
        _buckets.Clear();
        foreach (var (bound, bucketCount, bucketCountFloat) in buckets)
        {
            Insert(bound, bucketCountFloat > 0 ? bucketCountFloat : bucketCount);
        }
        if (_buckets.Count == 0 || !double.IsPositiveInfinity(_buckets[^1].UpperBound))
        {
            _buckets.Add((double.PositiveInfinity, count));
        }
        var last = _buckets[^1];
        if (count != last.Count)
        {
            throw new InvalidHistogramException($"count mismatch: count={Format(count)} != le={Format(last.UpperBound)} count={Format(last.Count)}");
        }
        var bounds = new double[_buckets.Count - 1];
        var counts = new double[_buckets.Count];
        var previous = 0.0;
        for (var i = 0; i < _buckets.Count; i++)
        {
            counts[i] = _buckets[i].Count - previous;
            previous = _buckets[i].Count;
            if (i < bounds.Length)
            {
                bounds[i] = _buckets[i].UpperBound;
            }
        }
        return new FloatHistogram(
            FloatHistogram.CustomBucketsSchema, 0, 0, count, sum, new BucketRun(0, counts), BucketRun.Empty,
            gauge ? CounterResetHint.Gauge : CounterResetHint.Unknown, bounds);
    }

    // The index of the first bucket whose bound is at least bound (the count when none is).
    private int FirstAtOrAbove(double bound)
    {
        var i = 0;
        while (i < _buckets.Count && _buckets[i].UpperBound < bound)
        {
            i++;
        }
        return i;
    }

    private void Insert(double bound, double count)
    {
        if (double.IsNaN(bound))
        {
            throw new InvalidHistogramException("bucket boundary must not be NaN");
        }
        if (count < 0)
        {
            throw new InvalidHistogramException($"bucket count must be non-negative: le={Format(bound)}, count={Format(count)}");
        }
        var position = FirstAtOrAbove(bound);
        if (position < _buckets.Count && _buckets[position].UpperBound == bound)
        {
            return;
        }
        if (position > 0 && count < _buckets[position - 1].Count)
        {
            throw new InvalidHistogramException($"count is not cumulative: {Format(count)} < {Format(_buckets[position - 1].Count)}");
        }
        if (position < _buckets.Count && count > _buckets[position].Count)
        {
            throw new InvalidHistogramException($"count is not cumulative: {Format(count)} > {Format(_buckets[position].Count)}");
        }
        _buckets.Insert(position, (bound, count));
    }

    private static string Format(double v) => double.IsPositiveInfinity(v) ? "+Inf" : v.ToString("G", CultureInfo.InvariantCulture);
}
