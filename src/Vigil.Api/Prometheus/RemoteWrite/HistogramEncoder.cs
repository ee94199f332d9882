using Google.Protobuf;
using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>One native histogram sample of an outgoing series.</summary>
/// <param name="Timestamp">Milliseconds since the epoch.</param>
/// <param name="Histogram">The histogram.</param>
public readonly record struct OutgoingHistogram(long Timestamp, FloatHistogram Histogram);

/// <summary>
/// Encodes a <c>prometheus.Histogram</c> message (remote write 1.0 and remote read numbering), the mirror image of
/// <see cref="HistogramDecoder"/>. Vigil keeps every histogram with float counts, so the integer form (counts as
/// varints, buckets as deltas) is chosen whenever every count is a whole number: that is what an integer histogram
/// becomes after a round trip through Vigil, and Prometheus releases before 2.44 store histograms with integer
/// counts most faithfully. Other histograms go in the float form (absolute bucket counts).
/// </summary>
public static class HistogramEncoder
{
    // Above 2^53 a double no longer holds every whole number, so the integer form could not be exact.
    private const double MaxExactInteger = 9007199254740992d;

    /// <summary>The message bytes (without its own tag and length).</summary>
    public static byte[] Encode(long timestamp, FloatHistogram h)
    {
        ArgumentNullException.ThrowIfNull(h);
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        var integer = IsInteger(h);
        if (integer)
        {
            WriteVarint(output, 1, (ulong)h.Count);
        }
        else
        {
            WriteDouble(output, 2, h.Count, always: true);
        }
        WriteDouble(output, 3, h.Sum);
        if (h.Schema != 0)
        {
            output.WriteTag(4, WireFormat.WireType.Varint);
            output.WriteSInt32(h.Schema);
        }
        WriteDouble(output, 5, h.ZeroThreshold);
        if (integer)
        {
            WriteVarint(output, 6, (ulong)h.ZeroCount);
        }
        else
        {
            WriteDouble(output, 7, h.ZeroCount, always: true);
        }
        WriteSide(output, 8, h.Negative, integer);
        WriteSide(output, 11, h.Positive, integer);
        if (HintNumber(h.Hint) is var hint and > 0)
        {
            WriteVarint(output, 14, hint);
        }
        if (timestamp != 0)
        {
            WriteVarint(output, 15, unchecked((ulong)timestamp));
        }
        if (h.CustomValues is { Count: > 0 } bounds)
        {
            WritePacked(output, 16, bounds.Count * 8, o => { foreach (var b in bounds) { o.WriteDouble(b); } });
        }
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>Whether every count of <paramref name="h"/> is a whole number an unsigned 64-bit integer holds exactly.</summary>
    public static bool IsInteger(FloatHistogram h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return IsWhole(h.Count) && IsWhole(h.ZeroCount) && h.Positive.Counts.All(IsWhole) && h.Negative.Counts.All(IsWhole);
    }

    private static bool IsWhole(double v) => v >= 0 && v <= MaxExactInteger && Math.Floor(v) == v;

    private static ulong HintNumber(CounterResetHint hint) => hint switch
    {
        CounterResetHint.Reset => 1,
        CounterResetHint.NotReset => 2,
        CounterResetHint.Gauge => 3,
        _ => 0,
    };

    /// <summary>Spans, then the counts: deltas from the previous bucket of the side (integer form) or absolute counts.</summary>
    private static void WriteSide(CodedOutputStream output, int spansField, BucketRun run, bool integer)
    {
        var spans = BucketSpans.Of(run);
        foreach (var (offset, length) in spans)
        {
            var size = 1 + CodedOutputStream.ComputeSInt32Size(offset) + 1 + CodedOutputStream.ComputeUInt32Size(length);
            output.WriteTag(spansField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(size);
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteSInt32(offset);
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteUInt32(length);
        }
        var counts = BucketSpans.Counts(run, spans);
        if (counts.Count == 0)
        {
            return;
        }
        if (integer)
        {
            var deltas = new long[counts.Count];
            long previous = 0;
            for (var i = 0; i < counts.Count; i++)
            {
                deltas[i] = (long)counts[i] - previous;
                previous = (long)counts[i];
            }
            WritePacked(output, spansField + 1, deltas.Sum(CodedOutputStream.ComputeSInt64Size), o => { foreach (var d in deltas) { o.WriteSInt64(d); } });
        }
        else
        {
            WritePacked(output, spansField + 2, counts.Count * 8, o => { foreach (var c in counts) { o.WriteDouble(c); } });
        }
    }

    private static void WritePacked(CodedOutputStream output, int field, int size, Action<CodedOutputStream> values)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(size);
        values(output);
    }

    private static void WriteVarint(CodedOutputStream output, int field, ulong value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteUInt64(value);
    }

    private static void WriteDouble(CodedOutputStream output, int field, double value, bool always = false)
    {
        // Proto3 leaves a zero scalar out; a oneof member (count_float, zero_count_float) is written even when zero.
        if (always || BitConverter.DoubleToInt64Bits(value) != 0)
        {
            output.WriteTag(field, WireFormat.WireType.Fixed64);
            output.WriteDouble(value);
        }
    }
}

/// <summary>
/// The span layout of one side of a histogram as upstream writes it: buckets from the first to the last non-empty one,
/// where a run of more than two empty buckets starts a new span (a span costs two numbers, so shorter gaps are
/// cheaper kept as zero counts). The first span's offset is its bucket index, later ones' the gap after the previous.
/// </summary>
public static class BucketSpans
{
    private const int LongestKeptGap = 2;

    /// <summary>The spans covering <paramref name="run"/>'s non-empty buckets.</summary>
    public static List<(int Offset, uint Length)> Of(BucketRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var spans = new List<(int Offset, uint Length)>();
        var counts = run.Counts;
        var i = 0;
        var end = 0;
        while (i < counts.Count)
        {
            var start = i;
            var last = i;
            for (var j = i + 1; j < counts.Count && j - last <= LongestKeptGap + 1; j++)
            {
                if (counts[j] != 0)
                {
                    last = j;
                }
            }
            spans.Add((spans.Count == 0 ? run.Offset + start : start - end, (uint)(last - start + 1)));
            end = last + 1;
            i = last + 1;
            while (i < counts.Count && counts[i] == 0)
            {
                i++;
            }
        }
        return spans;
    }

    /// <summary>The counts of the buckets <paramref name="spans"/> cover, in order.</summary>
    public static List<double> Counts(BucketRun run, List<(int Offset, uint Length)> spans)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(spans);
        var counts = new List<double>();
        var index = 0;
        for (var s = 0; s < spans.Count; s++)
        {
            index += spans[s].Offset;
            for (var k = 0; k < spans[s].Length; k++, index++)
            {
                counts.Add(run.At(index));
            }
        }
        return counts;
    }
}
