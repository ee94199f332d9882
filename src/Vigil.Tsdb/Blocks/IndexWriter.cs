using Vigil.Model.Hashing;
using Vigil.Model.Labels;

namespace Vigil.Tsdb.Blocks;

/// <summary>Writes a block's index from series already sorted by labels (see <see cref="IndexFormat"/>).</summary>
internal static class IndexWriter
{
    public static void Write(string path, IReadOnlyList<(LabelSet Labels, IReadOnlyList<ChunkMeta> Chunks)> series)
    {
        var symbols = CollectSymbols(series);
        var sections = new ByteBuffer[IndexFormat.SectionCount];
        sections[IndexFormat.Symbols] = WriteSymbols(symbols.Sorted);
        (sections[IndexFormat.Series], sections[IndexFormat.SeriesOffsets]) = WriteSeries(series, symbols.Refs);
        (sections[IndexFormat.Postings], sections[IndexFormat.LabelIndex]) = WritePostings(series, symbols.Refs);

        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var frame = new ByteBuffer();
        frame.UInt32(IndexFormat.Magic);
        frame.UInt32(1);
        var offsets = new ulong[IndexFormat.SectionCount];
        for (var i = 0; i < sections.Length; i++)
        {
            offsets[i] = (ulong)frame.Length;
            frame.UInt32((uint)sections[i].Length);
            frame.Bytes(sections[i].Span);
            frame.UInt32(Crc32C.Compute(sections[i].Span));
        }
        var tocStart = frame.Length;
        foreach (var offset in offsets)
        {
            frame.UInt64(offset);
        }
        frame.UInt32(Crc32C.Compute(frame.Span[tocStart..]));
        file.Write(frame.Span);
        file.Flush(flushToDisk: true);
    }

    private static (string[] Sorted, Dictionary<string, int> Refs) CollectSymbols(
        IReadOnlyList<(LabelSet Labels, IReadOnlyList<ChunkMeta> Chunks)> series)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, _) in series)
        {
            foreach (var label in labels)
            {
                set.Add(label.Name);
                set.Add(label.Value);
            }
        }
        var sorted = set.Order(StringComparer.Ordinal).ToArray();
        var refs = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
        {
            refs[sorted[i]] = i;
        }
        return (sorted, refs);
    }

    private static ByteBuffer WriteSymbols(string[] sorted)
    {
        var buffer = new ByteBuffer();
        buffer.UVarint((ulong)sorted.Length);
        foreach (var symbol in sorted)
        {
            buffer.String(symbol);
        }
        return buffer;
    }

    private static (ByteBuffer Series, ByteBuffer Offsets) WriteSeries(
        IReadOnlyList<(LabelSet Labels, IReadOnlyList<ChunkMeta> Chunks)> series, Dictionary<string, int> refs)
    {
        var body = new ByteBuffer();
        var offsets = new ByteBuffer();
        offsets.UInt32((uint)series.Count);
        foreach (var (labels, chunks) in series)
        {
            offsets.UInt32((uint)body.Length);
            body.UVarint((ulong)labels.Count);
            foreach (var label in labels)
            {
                body.UVarint((ulong)refs[label.Name]);
                body.UVarint((ulong)refs[label.Value]);
            }
            body.UVarint((ulong)chunks.Count);
            foreach (var chunk in chunks)
            {
                body.Varint(chunk.MinTime);
                body.UVarint((ulong)(chunk.MaxTime - chunk.MinTime));
                body.UVarint(chunk.Ref);
                body.UVarint((ulong)chunk.NumSamples);
            }
        }
        return (body, offsets);
    }

    private static (ByteBuffer Postings, ByteBuffer LabelIndex) WritePostings(
        IReadOnlyList<(LabelSet Labels, IReadOnlyList<ChunkMeta> Chunks)> series, Dictionary<string, int> refs)
    {
        var byPair = new SortedDictionary<string, SortedDictionary<string, List<int>>>(StringComparer.Ordinal);
        for (var id = 0; id < series.Count; id++)
        {
            foreach (var label in series[id].Labels)
            {
                if (!byPair.TryGetValue(label.Name, out var values))
                {
                    values = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
                    byPair[label.Name] = values;
                }
                if (!values.TryGetValue(label.Value, out var ids))
                {
                    ids = [];
                    values[label.Value] = ids;
                }
                ids.Add(id);
            }
        }

        var postings = new ByteBuffer();
        var labelIndex = new ByteBuffer();
        labelIndex.UVarint((ulong)byPair.Count);
        foreach (var (name, values) in byPair)
        {
            labelIndex.UVarint((ulong)refs[name]);
            labelIndex.UVarint((ulong)values.Count);
            foreach (var (value, ids) in values)
            {
                labelIndex.UVarint((ulong)refs[value]);
                labelIndex.UVarint((ulong)postings.Length);
                postings.UVarint((ulong)ids.Count);
                var previous = 0;
                foreach (var id in ids)
                {
                    postings.UVarint((ulong)(id - previous));
                    previous = id;
                }
            }
        }
        return (postings, labelIndex);
    }
}
