using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>
/// A full chunk of a head series: either still in memory (<see cref="XorChunk"/>, when the head has no
/// directory) or the location of its bytes in a head chunk segment file. Small on purpose: a series
/// holds one per 120 samples, and keeping the chunk bytes themselves off the heap is the point.
/// </summary>
internal readonly struct ClosedChunk
{
    private readonly object _source;
    private readonly int _offset;
    private readonly int _length;

    /// <summary>A chunk kept in memory.</summary>
    public ClosedChunk(XorChunk chunk)
    {
        _source = chunk;
        MinTime = chunk.MinTime;
        MaxTime = chunk.MaxTime;
    }

    /// <summary>A native histogram chunk kept in memory.</summary>
    public ClosedChunk(HistogramChunk chunk)
    {
        _source = chunk;
        MinTime = chunk.MinTime;
        MaxTime = chunk.MaxTime;
    }

    /// <summary>A chunk whose bytes are <paramref name="length"/> bytes at <paramref name="offset"/> of <paramref name="segment"/>.</summary>
    public ClosedChunk(HeadChunkSegment segment, int offset, int length, long minTime, long maxTime)
    {
        _source = segment;
        _offset = offset;
        _length = length;
        MinTime = minTime;
        MaxTime = maxTime;
    }

    public long MinTime { get; }

    public long MaxTime { get; }

    /// <summary>Whether the bytes are in a segment file (not in memory).</summary>
    public bool IsInFile => _source is HeadChunkSegment;

    /// <summary>The segment file holding the bytes, or null for a chunk in memory.</summary>
    public HeadChunkSegment? Segment => _source as HeadChunkSegment;

    /// <summary>A closed histogram chunk as a query sees it: its bytes (copied out of the file when it is in one) and sample count.</summary>
    public HistogramChunkView HistogramView()
    {
        if (_source is HistogramChunk chunk)
        {
            var (bytes, count) = chunk.Snapshot();
            return new HistogramChunkView(bytes, count, MinTime, MaxTime);
        }
        var copy = ((HeadChunkSegment)_source).ReadBytes(_offset, _length);
        return new HistogramChunkView(copy, (copy[0] << 8) | copy[1], MinTime, MaxTime);
    }

    /// <summary>The chunk as a query sees it (a closed chunk never changes, so its header's sample count holds).</summary>
    public ChunkView View() => new(_source, _offset, _length, _source is XorChunk chunk ? chunk.NumSamples : -1, MinTime, MaxTime);
}

/// <summary>
/// A chunk as seen by one query: where its bytes are, how many samples it held and their time range at
/// snapshot time. <see cref="Count"/> bounds the open chunk, which a writer keeps appending to.
/// </summary>
internal readonly record struct ChunkView(object Source, int Offset, int Length, int Count, long MinTime, long MaxTime)
{
    /// <summary>An in-memory chunk (the open one, or any chunk of a head without a directory).</summary>
    public ChunkView(XorChunk chunk, int count, long minTime, long maxTime)
        : this(chunk, 0, 0, count, minTime, maxTime)
    {
    }

    /// <summary>
    /// An iterator over the chunk's samples. A chunk in a segment file is first copied into
    /// <paramref name="scratch"/> (a pooled buffer the caller returns with <see cref="ChunkScratch.Return"/>),
    /// which stays valid until the next call with the same buffer.
    /// </summary>
    public XorIterator Iterator(ref byte[]? scratch) => Source is XorChunk chunk
        ? chunk.Iterator(Count)
        : ((HeadChunkSegment)Source).Iterator(Offset, Length, ref scratch);
}
