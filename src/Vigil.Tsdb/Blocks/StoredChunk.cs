namespace Vigil.Tsdb.Blocks;

/// <summary>
/// One encoded chunk as the block files see it: opaque bytes plus the facts the index needs about them.
/// The block layer never looks inside <see cref="Data"/>; <see cref="SampleChunkCodec"/> does.
/// </summary>
/// <param name="Encoding">Which codec wrote <paramref name="Data"/> (see <see cref="ChunkEncoding"/>).</param>
/// <param name="Data">The encoded samples.</param>
/// <param name="MinTime">Timestamp of the first sample (ms).</param>
/// <param name="MaxTime">Timestamp of the last sample (ms), inclusive.</param>
/// <param name="NumSamples">How many samples the chunk holds.</param>
public sealed record StoredChunk(ChunkEncoding Encoding, byte[] Data, long MinTime, long MaxTime, int NumSamples);

/// <summary>Chunk encodings a block can hold; the byte is stored with every chunk.</summary>
public enum ChunkEncoding : byte
{
    /// <summary>Prometheus's XOR float chunk (<see cref="Chunks.XorChunk"/>); the same number upstream gives it.</summary>
    Xor = 1,

    /// <summary>
    /// Our native histogram chunk (<see cref="Chunks.HistogramChunk"/>). Its layout is not upstream's histogram
    /// chunk, so it takes a number upstream does not use rather than upstream's 2 or 3.
    /// </summary>
    VigilHistogram = 0x40,
}

/// <summary>Where a chunk lives and what time it covers, as listed per series in the index.</summary>
/// <param name="MinTime">First sample time (ms).</param>
/// <param name="MaxTime">Last sample time (ms), inclusive.</param>
/// <param name="Ref">Segment number in the high 32 bits, byte offset in the low 32.</param>
/// <param name="NumSamples">Sample count, so stats need no decoding.</param>
internal readonly record struct ChunkMeta(long MinTime, long MaxTime, ulong Ref, int NumSamples)
{
    public bool Overlaps(long mint, long maxt) => MinTime <= maxt && MaxTime >= mint;
}
