namespace Vigil.Model.Histograms;

/// <summary>
/// A native histogram as the wire formats carry it (remote write's <c>prometheus.Histogram</c>, the exposition
/// format's <c>io.prometheus.client.Histogram</c>): bucket spans, and per bucket either integer deltas from the
/// previous bucket of the same side or absolute float counts. Decoders fill it field by field; <see cref="Build"/>
/// checks it as upstream's storage validates a histogram and turns it into a <see cref="FloatHistogram"/>.
/// </summary>
public sealed class SparseHistogram
{
    /// <summary>A histogram may span at most this many bucket indexes per side (the model keeps buckets densely).</summary>
    public const int MaxBucketIndexRange = 1 << 16;

    /// <summary>The bucket schema (-4..8, or -53 for custom buckets).</summary>
    public int Schema { get; set; }

    /// <summary>The zero bucket's width.</summary>
    public double ZeroThreshold { get; set; }

    /// <summary>The zero bucket's count.</summary>
    public double ZeroCount { get; set; }

    /// <summary>The number of observations.</summary>
    public double Count { get; set; }

    /// <summary>The sum of the observations.</summary>
    public double Sum { get; set; }

    /// <summary>Whether counts are integers (buckets as deltas) rather than floats (buckets as absolute counts).</summary>
    public bool IntegerCounts { get; set; } = true;

    /// <summary>The counter reset hint.</summary>
    public CounterResetHint Hint { get; set; }

    /// <summary>Negative spans: the first at its bucket index, later ones after a gap.</summary>
    public List<(int Offset, uint Length)> NegativeSpans { get; } = [];

    /// <summary>Negative bucket counts as deltas (integer histograms).</summary>
    public List<long> NegativeDeltas { get; } = [];

    /// <summary>Negative bucket counts (float histograms).</summary>
    public List<double> NegativeCounts { get; } = [];

    /// <summary>Positive spans.</summary>
    public List<(int Offset, uint Length)> PositiveSpans { get; } = [];

    /// <summary>Positive bucket counts as deltas (integer histograms).</summary>
    public List<long> PositiveDeltas { get; } = [];

    /// <summary>Positive bucket counts (float histograms).</summary>
    public List<double> PositiveCounts { get; } = [];

    /// <summary>The bucket bounds of a custom-bucket histogram (schema -53).</summary>
    public List<double> CustomValues { get; } = [];

    /// <summary>Empties every field, so one instance can be reused message after message.</summary>
    public void Reset()
    {
        (Schema, ZeroThreshold, ZeroCount, Count, Sum, IntegerCounts, Hint) = (0, 0, 0, 0, 0, true, CounterResetHint.Unknown);
        NegativeSpans.Clear();
        NegativeDeltas.Clear();
        NegativeCounts.Clear();
        PositiveSpans.Clear();
        PositiveDeltas.Clear();
        PositiveCounts.Clear();
        CustomValues.Clear();
    }

    /// <summary>
    /// The histogram these fields describe. Throws <see cref="InvalidHistogramException"/> saying what is wrong:
    /// an unknown schema, spans that need more or fewer buckets than given, a negative or NaN count, more
    /// observations in the buckets than in the count, or custom buckets with a zero bucket, negative buckets or
    /// bounds that do not increase.
    /// </summary>
    public FloatHistogram Build()
    {
        var custom = Schema == FloatHistogram.CustomBucketsSchema;
        if (!custom && Schema is < FloatHistogram.MinSchema or > FloatHistogram.MaxSchema)
        {
            throw new InvalidHistogramException(
                $"schema {Schema} is not supported (exponential schemas are {FloatHistogram.MinSchema}..{FloatHistogram.MaxSchema}, custom buckets {FloatHistogram.CustomBucketsSchema})");
        }
        var positive = Side("positive", PositiveSpans, IntegerCounts ? PositiveDeltas : null, PositiveCounts);
        var negative = Side("negative", NegativeSpans, IntegerCounts ? NegativeDeltas : null, NegativeCounts);
        if (custom)
        {
            ValidateCustom(negative);
        }
        if (ZeroCount < 0 || double.IsNaN(ZeroCount))
        {
            throw new InvalidHistogramException($"zero bucket has observation count of {ZeroCount}");
        }
        var inBuckets = positive.Counts.Sum() + negative.Counts.Sum() + ZeroCount;
        // As upstream: with a NaN sum some observations may be NaN, which no bucket counts, so only "too few" is wrong.
        if (IntegerCounts ? (double.IsNaN(Sum) ? inBuckets > Count : inBuckets != Count) : inBuckets > Count * (1 + 1e-12))
        {
            throw new InvalidHistogramException($"{inBuckets} observations found in buckets, but the Count field is {Count}");
        }
        return new FloatHistogram(
            Schema, custom ? 0 : ZeroThreshold, ZeroCount, Count, Sum, positive, negative, Hint,
            custom ? CustomValues.ToArray() : null);
    }

    private void ValidateCustom(BucketRun negative)
    {
        if (!negative.IsEmpty || NegativeSpans.Count > 0)
        {
            throw new InvalidHistogramException("custom-bucket histogram must not have negative buckets");
        }
        if (ZeroCount != 0 || ZeroThreshold != 0)
        {
            throw new InvalidHistogramException("custom-bucket histogram must not have a zero bucket");
        }
        for (var i = 0; i < CustomValues.Count; i++)
        {
            if (double.IsNaN(CustomValues[i]) || (i > 0 && CustomValues[i] <= CustomValues[i - 1]))
            {
                throw new InvalidHistogramException($"custom bucket bounds must be strictly increasing, bound {i} is {CustomValues[i]}");
            }
        }
        if (PositiveSpans.Count > 0)
        {
            var last = PositiveSpans.Sum(s => (long)s.Offset + s.Length) - 1;
            if (PositiveSpans[0].Offset < 0 || last > CustomValues.Count)
            {
                throw new InvalidHistogramException($"custom-bucket histogram has {CustomValues.Count} bounds, so bucket indexes 0..{CustomValues.Count}; spans reach {last}");
            }
        }
    }

    /// <summary>One side's buckets as a dense run; <paramref name="deltas"/> null means float counts.</summary>
    private static BucketRun Side(string side, List<(int Offset, uint Length)> spans, List<long>? deltas, List<double> floats)
    {
        var needed = spans.Sum(s => (long)s.Length);
        var have = deltas?.Count ?? floats.Count;
        if (needed != have)
        {
            throw new InvalidHistogramException($"{side} side: spans need {needed} buckets, have {have} buckets");
        }
        if (spans.Count == 0)
        {
            return BucketRun.Empty;
        }
        var first = (long)spans[0].Offset;
        var end = first;
        for (var i = 0; i < spans.Count; i++)
        {
            if (i > 0 && spans[i].Offset < 0)
            {
                throw new InvalidHistogramException($"{side} side: span number {i + 1} with offset {spans[i].Offset}");
            }
            end += (i > 0 ? spans[i].Offset : 0) + spans[i].Length;
        }
        if (end - first > MaxBucketIndexRange)
        {
            throw new InvalidHistogramException($"{side} side: buckets span {end - first} indexes, more than the {MaxBucketIndexRange} accepted");
        }
        return new BucketRun((int)first, Dense(side, spans, deltas, floats, first, (int)(end - first)));
    }

    private static double[] Dense(string side, List<(int Offset, uint Length)> spans, List<long>? deltas, List<double> floats, long first, int width)
    {
        var counts = new double[width];
        long index = first, running = 0;
        var k = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            index += i > 0 ? spans[i].Offset : 0;
            for (var j = 0; j < spans[i].Length; j++, k++, index++)
            {
                double count = deltas is null ? floats[k] : running += deltas[k];
                if (count < 0 || double.IsNaN(count))
                {
                    throw new InvalidHistogramException($"{side} side: bucket number {k + 1} has observation count of {count}");
                }
                counts[index - first] = count;
            }
        }
        return counts;
    }
}

/// <summary>A histogram message that decodes but describes no valid histogram.</summary>
public sealed class InvalidHistogramException(string message) : Exception(message)
{
}
