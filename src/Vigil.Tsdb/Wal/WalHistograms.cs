using Vigil.Model.Histograms;
using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Wal;

/// <summary>A native histogram sample as the WAL records it.</summary>
public readonly record struct WalHistogram(ulong Ref, long Timestamp, FloatHistogram Histogram);

/// <summary>
/// The histogram samples record: type byte 4, a count, the first timestamp, then per sample the series reference,
/// the timestamp relative to the first and the histogram (hint as sent, layout, values) written by the same codec
/// as histogram chunks, each against the previous sample of the record when it belongs to the same series.
/// </summary>
public static class WalHistograms
{
    /// <summary>Encodes a histogram samples record.</summary>
    public static byte[] Encode(IReadOnlyList<WalHistogram> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var output = new ByteOutput(64 * samples.Count + 16);
        output.Byte((byte)WalRecordType.HistogramSamples);
        output.Uvarint((ulong)samples.Count);
        var baseTime = samples.Count > 0 ? samples[0].Timestamp : 0;
        output.Varint(baseTime);
        for (var i = 0; i < samples.Count; i++)
        {
            var (reference, t, h) = samples[i];
            output.Uvarint(reference);
            output.Varint(unchecked(t - baseTime));
            HistogramCodec.Write(output, h, i > 0 && samples[i - 1].Ref == reference ? samples[i - 1].Histogram : null);
        }
        return output.ToArray();
    }

    /// <summary>Decodes a histogram samples record into <paramref name="into"/>; throws <see cref="InvalidDataException"/> when malformed.</summary>
    public static void Decode(ReadOnlySpan<byte> payload, List<WalHistogram> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var input = new ByteInput(payload, 1);
        var count = input.Count(payload.Length);
        var baseTime = input.Varint();
        WalHistogram? previous = null;
        for (var i = 0; i < count; i++)
        {
            var reference = input.Uvarint();
            var t = unchecked(baseTime + input.Varint());
            var h = HistogramCodec.Read(ref input, previous is { } p && p.Ref == reference ? p.Histogram : null);
            previous = new WalHistogram(reference, t, h);
            into.Add(previous.Value);
        }
    }
}
