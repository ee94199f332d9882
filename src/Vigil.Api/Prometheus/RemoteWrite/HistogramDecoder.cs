using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>
/// Decodes a remote write <c>prometheus.Histogram</c> message (field numbers from remote write 1.0's types.proto)
/// into a <see cref="FloatHistogram"/>: integer counts (bucket counts as deltas from the previous bucket of the same
/// side) or float counts (absolute), spans (the first at its bucket index, later ones after a gap), the zero bucket,
/// schema, reset hint and, for schema -53, the custom bucket bounds. Anything inconsistent throws
/// <see cref="InvalidHistogramException"/> saying what, as upstream's validation does.
/// </summary>
internal static class HistogramDecoder
{
    /// <summary>A histogram may span at most this many bucket indexes per side (the model keeps buckets densely).</summary>
    public const int MaxBucketIndexRange = 1 << 16;

    public static (long Timestamp, FloatHistogram Histogram) Decode(ReadOnlySpan<byte> message)
    {
        var m = new HistogramMessage();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            m.Read(ref reader, field, wireType);
        }
        return (m.Timestamp, Build(m));
    }

    private static FloatHistogram Build(HistogramMessage m)
    {
        var custom = m.Schema == FloatHistogram.CustomBucketsSchema;
        if (!custom && m.Schema is < FloatHistogram.MinSchema or > FloatHistogram.MaxSchema)
        {
            throw new InvalidHistogramException(
                $"schema {m.Schema} is not supported (exponential schemas are {FloatHistogram.MinSchema}..{FloatHistogram.MaxSchema}, custom buckets {FloatHistogram.CustomBucketsSchema})");
        }
        var isInteger = m.IntegerCounts;
        var positive = Side("positive", m.PositiveSpans, isInteger ? m.PositiveDeltas : null, m.PositiveCounts);
        var negative = Side("negative", m.NegativeSpans, isInteger ? m.NegativeDeltas : null, m.NegativeCounts);
        if (custom)
        {
            ValidateCustom(m, negative);
        }
        if (m.ZeroCount < 0 || double.IsNaN(m.ZeroCount))
        {
            throw new InvalidHistogramException($"zero bucket has observation count of {m.ZeroCount}");
        }
        var inBuckets = positive.Counts.Sum() + negative.Counts.Sum() + m.ZeroCount;
        // As upstream: with a NaN sum some observations may be NaN, which no bucket counts, so only "too few" is wrong.
        if (isInteger ? (double.IsNaN(m.Sum) ? inBuckets > m.Count : inBuckets != m.Count) : inBuckets > m.Count * (1 + 1e-12))
        {
            throw new InvalidHistogramException($"{inBuckets} observations found in buckets, but the Count field is {m.Count}");
        }
        return new FloatHistogram(
            m.Schema, custom ? 0 : m.ZeroThreshold, m.ZeroCount, m.Count, m.Sum, positive, negative, m.Hint,
            custom ? m.CustomValues.ToArray() : null);
    }

    private static void ValidateCustom(HistogramMessage m, BucketRun negative)
    {
        if (!negative.IsEmpty || m.NegativeSpans.Count > 0)
        {
            throw new InvalidHistogramException("custom-bucket histogram must not have negative buckets");
        }
        if (m.ZeroCount != 0 || m.ZeroThreshold != 0)
        {
            throw new InvalidHistogramException("custom-bucket histogram must not have a zero bucket");
        }
        for (var i = 0; i < m.CustomValues.Count; i++)
        {
            if (double.IsNaN(m.CustomValues[i]) || (i > 0 && m.CustomValues[i] <= m.CustomValues[i - 1]))
            {
                throw new InvalidHistogramException($"custom bucket bounds must be strictly increasing, bound {i} is {m.CustomValues[i]}");
            }
        }
        if (m.PositiveSpans.Count > 0)
        {
            var last = m.PositiveSpans.Sum(s => (long)s.Offset + s.Length) - 1;
            if (m.PositiveSpans[0].Offset < 0 || last > m.CustomValues.Count)
            {
                throw new InvalidHistogramException($"custom-bucket histogram has {m.CustomValues.Count} bounds, so bucket indexes 0..{m.CustomValues.Count}; spans reach {last}");
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
internal sealed class InvalidHistogramException(string message) : Exception(message)
{
}
