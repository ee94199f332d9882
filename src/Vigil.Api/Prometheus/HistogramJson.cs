using System.Text.Json;
using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus;

/// <summary>
/// Writes a native histogram as upstream's query API does:
/// <c>{"count":"42","sum":"3.5","buckets":[[boundary_rule,"lower","upper","count"],...]}</c>, numbers as strings.
/// Buckets go from the most negative to the most positive, the zero bucket between them; empty buckets are left
/// out, and so is <c>buckets</c> when all are empty. The boundary rule says which ends are inclusive:
/// 0 upper only (positive and custom buckets), 1 lower only (negative buckets), 3 both (the zero bucket).
/// </summary>
public static class HistogramJson
{
    private const int UpperInclusive = 0;
    private const int LowerInclusive = 1;
    private const int BothInclusive = 3;

    /// <summary>Writes <c>[timestamp, {histogram}]</c>.</summary>
    public static void WritePoint(Utf8JsonWriter w, long ms, FloatHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray();
        w.WriteRawValue(ApiJson.FormatTimestamp(ms), skipInputValidation: true);
        Write(w, histogram);
        w.WriteEndArray();
    }

    /// <summary>Writes the histogram object.</summary>
    public static void Write(Utf8JsonWriter w, FloatHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(histogram);
        w.WriteStartObject();
        w.WritePropertyName("count");
        WriteNumber(w, histogram.Count);
        w.WritePropertyName("sum");
        WriteNumber(w, histogram.Sum);
        var started = false;
        var threshold = histogram.ZeroThreshold;
        var negative = histogram.Negative;
        for (var k = negative.Count - 1; k >= 0; k--)
        {
            var index = negative.Offset + k;
            // Negative bucket i covers [-upper(i), -lower(i)); a bound inside the zero bucket is clipped to its edge.
            var upper = -BucketBounds.Lower(index, histogram.Schema);
            upper = upper < 0 && upper > -threshold ? -threshold : upper;
            WriteBucket(w, ref started, LowerInclusive, -BucketBounds.Upper(index, histogram.Schema), upper, negative.Counts[k]);
        }
        if (histogram.ZeroCount > 0)
        {
            WriteBucket(w, ref started, BothInclusive, -threshold, threshold, histogram.ZeroCount);
        }
        var positive = histogram.Positive;
        for (var k = 0; k < positive.Count; k++)
        {
            var index = positive.Offset + k;
            var lower = Upper(histogram, index - 1);
            lower = lower > 0 && lower < threshold ? threshold : lower;
            WriteBucket(w, ref started, UpperInclusive, lower, Upper(histogram, index), positive.Counts[k]);
        }
        if (started)
        {
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>A positive bucket's upper bound: from the schema, or for custom buckets from their bounds (-Inf and +Inf beyond them).</summary>
    private static double Upper(FloatHistogram histogram, int index)
    {
        if (histogram.CustomValues is not { } bounds)
        {
            return BucketBounds.Upper(index, histogram.Schema);
        }
        return index < 0 ? double.NegativeInfinity : index < bounds.Count ? bounds[index] : double.PositiveInfinity;
    }

    private static void WriteBucket(Utf8JsonWriter w, ref bool started, int rule, double lower, double upper, double count)
    {
        if (count == 0)
        {
            return;
        }
        if (!started)
        {
            w.WritePropertyName("buckets");
            w.WriteStartArray();
            started = true;
        }
        w.WriteStartArray();
        w.WriteNumberValue(rule);
        WriteNumber(w, lower);
        WriteNumber(w, upper);
        WriteNumber(w, count);
        w.WriteEndArray();
    }

    // Raw, because the writer's default encoder would escape the '+' of "+Inf"; number text needs no escaping.
    private static void WriteNumber(Utf8JsonWriter w, double value) =>
        w.WriteRawValue("\"" + ApiJson.FormatValue(value) + "\"", skipInputValidation: true);
}
