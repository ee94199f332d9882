using Vigil.Storage;

namespace Vigil.Tsdb.Blocks;

/// <summary>Turns runs of samples into <see cref="StoredChunk"/>s and back.</summary>
internal static class SampleChunkCodec
{
    /// <summary>Upstream cuts chunks at about 120 samples: long enough to compress well, short enough to decode little for a narrow query.</summary>
    public const int SamplesPerChunk = 120;

    /// <summary>Splits time-ordered samples into chunks of at most <see cref="SamplesPerChunk"/>.</summary>
    public static List<StoredChunk> Encode(IEnumerable<Sample> samples)
    {
        var chunks = new List<StoredChunk>();
        var run = new List<Sample>(SamplesPerChunk);
        foreach (var sample in samples)
        {
            run.Add(sample);
            if (run.Count == SamplesPerChunk)
            {
                chunks.Add(EncodePlain(run));
                run.Clear();
            }
        }
        if (run.Count > 0)
        {
            chunks.Add(EncodePlain(run));
        }
        return chunks;
    }

    /// <summary>The samples of one chunk, oldest first.</summary>
    public static List<Sample> Decode(ChunkEncoding encoding, ReadOnlySpan<byte> data) => encoding switch
    {
        ChunkEncoding.Plain => DecodePlain(data),
        _ => throw new InvalidDataException($"unknown chunk encoding {(byte)encoding}"),
    };

    private static StoredChunk EncodePlain(List<Sample> run)
    {
        var buffer = new ByteBuffer();
        buffer.UVarint((ulong)run.Count);
        var previous = 0L;
        foreach (var sample in run)
        {
            buffer.Varint(sample.Timestamp - previous);
            buffer.UInt64(BitConverter.DoubleToUInt64Bits(sample.Value));
            previous = sample.Timestamp;
        }
        return new StoredChunk(ChunkEncoding.Plain, buffer.Span.ToArray(), run[0].Timestamp, run[^1].Timestamp, run.Count);
    }

    private static List<Sample> DecodePlain(ReadOnlySpan<byte> data)
    {
        var reader = new ByteReader(data);
        var count = reader.UVarint32();
        var samples = new List<Sample>(Math.Min(count, SamplesPerChunk * 4));
        var t = 0L;
        for (var i = 0; i < count; i++)
        {
            t += reader.Varint();
            samples.Add(new Sample(t, BitConverter.UInt64BitsToDouble(reader.UInt64())));
        }
        return samples;
    }
}
