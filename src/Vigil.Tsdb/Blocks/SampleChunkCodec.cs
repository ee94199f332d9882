using Vigil.Storage;
using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Blocks;

/// <summary>Turns runs of samples into <see cref="StoredChunk"/>s and back.</summary>
internal static class SampleChunkCodec
{
    /// <summary>Upstream cuts chunks at about 120 samples: long enough to compress well, short enough to decode little for a narrow query.</summary>
    public const int SamplesPerChunk = 120;

    /// <summary>Splits time-ordered samples into XOR chunks of at most <see cref="SamplesPerChunk"/>.</summary>
    public static List<StoredChunk> Encode(IEnumerable<Sample> samples)
    {
        var chunks = new List<StoredChunk>();
        XorChunk? open = null;
        foreach (var sample in samples)
        {
            open ??= new XorChunk();
            open.Append(sample.Timestamp, sample.Value);
            if (open.NumSamples == SamplesPerChunk)
            {
                chunks.Add(Seal(open));
                open = null;
            }
        }
        if (open is not null)
        {
            chunks.Add(Seal(open));
        }
        return chunks;
    }

    /// <summary>The samples of one chunk, oldest first; undecodable bytes throw <see cref="InvalidDataException"/>.</summary>
    public static List<Sample> Decode(ChunkEncoding encoding, byte[] data)
    {
        if (encoding != ChunkEncoding.Xor)
        {
            throw new InvalidDataException($"unknown chunk encoding {(byte)encoding}");
        }
        var iterator = new XorIterator(data);
        var samples = new List<Sample>(iterator.Count);
        while (iterator.Next())
        {
            samples.Add(iterator.Current);
        }
        if (iterator.IsCorrupt)
        {
            throw new InvalidDataException($"XOR chunk ends early after {samples.Count} of {iterator.Count} samples");
        }
        return samples;
    }

    /// <summary>
    /// Appends the chunk's samples in [<paramref name="mint"/>, <paramref name="maxt"/>] to <paramref name="into"/>,
    /// stopping at the first sample past <paramref name="maxt"/>; undecodable bytes before that point throw
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public static void DecodeInto(ChunkEncoding encoding, byte[] data, long mint, long maxt, List<Sample> into)
    {
        if (encoding != ChunkEncoding.Xor)
        {
            throw new InvalidDataException($"unknown chunk encoding {(byte)encoding}");
        }
        var iterator = new XorIterator(data);
        var decoded = 0;
        while (iterator.Next())
        {
            decoded++;
            if (iterator.Timestamp > maxt)
            {
                return;
            }
            if (iterator.Timestamp >= mint)
            {
                into.Add(iterator.Current);
            }
        }
        if (iterator.IsCorrupt)
        {
            throw new InvalidDataException($"XOR chunk ends early after {decoded} of {iterator.Count} samples");
        }
    }

    /// <summary>Splits time-ordered histogram samples into histogram chunks of at most <see cref="SamplesPerChunk"/>; hints are kept as read.</summary>
    public static List<StoredChunk> EncodeHistograms(IEnumerable<HistogramSample> samples)
    {
        var chunks = new List<StoredChunk>();
        HistogramChunk? open = null;
        foreach (var (t, h) in samples)
        {
            open ??= new HistogramChunk();
            open.Append(t, h);
            if (open.NumSamples == SamplesPerChunk)
            {
                chunks.Add(Seal(open));
                open = null;
            }
        }
        if (open is not null)
        {
            chunks.Add(Seal(open));
        }
        return chunks;
    }

    private static StoredChunk Seal(HistogramChunk chunk) =>
        new(ChunkEncoding.VigilHistogram, chunk.ToArray(), chunk.MinTime, chunk.MaxTime, chunk.NumSamples);

    private static StoredChunk Seal(XorChunk chunk) =>
        new(ChunkEncoding.Xor, chunk.Bytes.ToArray(), chunk.MinTime, chunk.MaxTime, chunk.NumSamples);
}
