using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// Writes a block directory. Everything goes into <c>&lt;id&gt;.tmp</c> first and is flushed to disk; only then
/// is the directory renamed to <c>&lt;id&gt;</c>, so a block either appears whole or not at all. A crash
/// leaves at most a <c>.tmp</c> directory, which <see cref="BlockStore"/> deletes on open.
/// </summary>
public sealed class BlockWriter(TimeProvider time)
{
    /// <summary>Suffix of a block directory still being written.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>
    /// Writes the samples in [<paramref name="mint"/>, <paramref name="maxt"/>) of series given in label order
    /// (<see cref="LabelSetComparer"/>) as a new block under <paramref name="dataDir"/>; series without samples
    /// in the range are left out. Returns the new block's meta.
    /// </summary>
    public BlockMeta Write(string dataDir, long mint, long maxt, IEnumerable<(LabelSet Labels, IEnumerable<Sample> Samples)> series,
        int level = 1, IReadOnlyList<string>? sources = null)
    {
        var chunked = series.Select(s => (s.Labels, (IReadOnlyList<StoredChunk>)SampleChunkCodec.Encode(
            s.Samples.Where(p => p.Timestamp >= mint && p.Timestamp < maxt))));
        return WriteChunks(dataDir, mint, maxt, chunked, level, sources);
    }

    /// <summary>
    /// As <see cref="Write"/>, reading each series' float samples and, when <paramref name="withHistograms"/> (the
    /// source may hold some), its native histogram samples, which become histogram chunks beside the float ones.
    /// </summary>
    public BlockMeta WriteSeries(string dataDir, long mint, long maxt, IEnumerable<IStoredSeries> series, bool withHistograms,
        int level = 1, IReadOnlyList<string>? sources = null)
    {
        var chunked = series.Select(s =>
        {
            var chunks = SampleChunkCodec.Encode(s.Samples(mint, maxt - 1));
            if (withHistograms)
            {
                chunks.AddRange(SampleChunkCodec.EncodeHistograms(s.HistogramSamples(mint, maxt - 1)));
                chunks.Sort(static (a, b) => a.MinTime.CompareTo(b.MinTime));
            }
            return (s.Labels, (IReadOnlyList<StoredChunk>)chunks);
        });
        return WriteChunks(dataDir, mint, maxt, chunked, level, sources);
    }

    /// <summary>As <see cref="Write"/>, for series whose chunks are already encoded (kept as they are).</summary>
    public BlockMeta WriteChunks(string dataDir, long mint, long maxt, IEnumerable<(LabelSet Labels, IReadOnlyList<StoredChunk> Chunks)> series,
        int level = 1, IReadOnlyList<string>? sources = null)
    {
        var id = BlockId.New(time);
        var tmp = Path.Combine(dataDir, id + TempSuffix);
        Directory.CreateDirectory(tmp);
        try
        {
            var (indexed, stats) = WriteChunkFiles(Path.Combine(tmp, "chunks"), series);
            IndexWriter.Write(Path.Combine(tmp, "index"), indexed);
            var meta = new BlockMeta
            {
                Id = id,
                MinTime = mint,
                MaxTime = maxt,
                Stats = stats,
                Compaction = new BlockCompaction { Level = level, Sources = sources ?? [id] },
            };
            WriteDurably(Path.Combine(tmp, BlockMeta.FileName), meta.ToJson());
            Directory.Move(tmp, Path.Combine(dataDir, id));
            return meta;
        }
        catch
        {
            Directory.Delete(tmp, recursive: true);
            throw;
        }
    }

    private static (List<(LabelSet, IReadOnlyList<ChunkMeta>)> Indexed, BlockStats Stats) WriteChunkFiles(
        string chunkDir, IEnumerable<(LabelSet Labels, IReadOnlyList<StoredChunk> Chunks)> series)
    {
        var indexed = new List<(LabelSet, IReadOnlyList<ChunkMeta>)>();
        long samples = 0, chunks = 0, histograms = 0;
        LabelSet? previous = null;
        using var writer = new ChunkSegmentWriter(chunkDir);
        foreach (var (labels, storedChunks) in series)
        {
            if (previous is not null && LabelSetComparer.Instance.Compare(previous, labels) >= 0)
            {
                throw new ArgumentException($"series must be given in label order without repeats; {labels} came after {previous}", nameof(series));
            }
            previous = labels;
            if (storedChunks.Count == 0)
            {
                continue;
            }
            var metas = storedChunks.Select(c => new ChunkMeta(c.MinTime, c.MaxTime, writer.Write(c), c.NumSamples)).ToArray();
            indexed.Add((labels, metas));
            samples += metas.Sum(m => (long)m.NumSamples);
            chunks += metas.Length;
            histograms += storedChunks.Where(static c => c.Encoding == ChunkEncoding.VigilHistogram).Sum(static c => (long)c.NumSamples);
        }
        writer.Complete();
        return (indexed, new BlockStats { NumSeries = indexed.Count, NumSamples = samples, NumChunks = chunks, NumHistogramSamples = histograms });
    }

    private static void WriteDurably(string path, string text)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(System.Text.Encoding.UTF8.GetBytes(text));
        file.Flush(flushToDisk: true);
    }
}
