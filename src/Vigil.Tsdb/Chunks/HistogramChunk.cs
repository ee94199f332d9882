using Vigil.Model.Histograms;
using Vigil.Storage;

namespace Vigil.Tsdb.Chunks;

/// <summary>
/// A chunk of native histogram samples in our own byte-aligned encoding (upstream's bit-level histogram chunk
/// is the model; this one is simpler): a 2-byte big-endian sample count, then per sample its timestamp (the
/// first as a signed varint, then signed varint delta-of-deltas) and the histogram as
/// <see cref="HistogramCodec"/> writes it against the previous sample, so a steady series stores its bucket layout
/// once and each count in a few bytes. The hint stored with each sample is the one readers get back.
/// </summary>
/// <remarks>
/// One writer at a time; readers take <see cref="Snapshot"/> under the same lock as appends. Written bytes never
/// change (growth copies into a new array; only the header count is rewritten, and readers use their own count).
/// </remarks>
public sealed class HistogramChunk
{
    private readonly ByteOutput _bytes;
    private long _lastDelta;
    private FloatHistogram? _last;

    /// <summary>Creates an empty chunk.</summary>
    public HistogramChunk(int capacityBytes = 256)
    {
        _bytes = new ByteOutput(capacityBytes);
        _bytes.Byte(0);
        _bytes.Byte(0);
    }

    /// <summary>How many samples the chunk holds.</summary>
    public int NumSamples { get; private set; }

    /// <summary>The first sample's timestamp (undefined when empty).</summary>
    public long MinTime { get; private set; }

    /// <summary>The last sample's timestamp (undefined when empty).</summary>
    public long MaxTime { get; private set; }

    /// <summary>The encoded size in bytes.</summary>
    public int Size => _bytes.Length;

    /// <summary>The encoded chunk (a copy).</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Appends a sample newer than the last; <paramref name="histogram"/>'s hint is stored as given.</summary>
    public void Append(long t, FloatHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (NumSamples >= XorChunk.MaxSamples)
        {
            throw new InvalidOperationException("histogram chunk is full");
        }
        if (NumSamples == 0)
        {
            MinTime = t;
            _bytes.Varint(t);
        }
        else
        {
            var delta = t - MaxTime;
            _bytes.Varint(delta - _lastDelta);
            _lastDelta = delta;
        }
        HistogramCodec.Write(_bytes, histogram, _last);
        _last = histogram;
        MaxTime = t;
        NumSamples++;
        _bytes.PatchUInt16(0, NumSamples);
    }

    /// <summary>The bytes and sample count as of now, for a reader that decodes later.</summary>
    public (byte[] Bytes, int Count) Snapshot() => (_bytes.Buffer, NumSamples);

    /// <summary>Decodes the samples of <paramref name="bytes"/> in [mint, maxt]; <paramref name="count"/> bounds the read (null: the header's).</summary>
    public static IEnumerable<HistogramSample> Read(byte[] bytes, int? count, long mint, long maxt)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var result = new List<HistogramSample>();
        Decode(bytes, count, mint, maxt, result);
        return result;
    }

    /// <summary>As <see cref="Read"/>, appending to <paramref name="into"/>; corrupt bytes throw <see cref="InvalidDataException"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> bytes, int? count, long mint, long maxt, List<HistogramSample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (bytes.Length < 2)
        {
            throw new InvalidDataException("histogram chunk shorter than its header");
        }
        var n = count ?? ((bytes[0] << 8) | bytes[1]);
        var input = new ByteInput(bytes, 2);
        long t = 0, delta = 0;
        FloatHistogram? previous = null;
        for (var i = 0; i < n; i++)
        {
            if (i == 0)
            {
                t = input.Varint();
            }
            else
            {
                delta += input.Varint();
                t += delta;
            }
            previous = HistogramCodec.Read(ref input, previous);
            if (t > maxt)
            {
                return;
            }
            if (t >= mint)
            {
                into.Add(new HistogramSample(t, previous));
            }
        }
    }
}
