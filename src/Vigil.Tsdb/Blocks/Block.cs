using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Tombstones;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// One persisted block opened for reading: matchers are answered from the index's postings, samples are
/// read and decoded chunk by chunk only when a series is enumerated.
/// </summary>
public sealed partial class Block : ISeriesQuerier, ILabelQuerier, IDisposable
{
    private readonly IndexReader _index;
    private readonly ChunkSegmentReader _chunks;
    private readonly Lock _lifetime = new();
    private int _readers;
    private bool _closing;
    private volatile BlockMeta _meta;

    private Block(string directory, BlockMeta meta, IndexReader index, ChunkSegmentReader chunks, TombstoneSet tombstones)
    {
        Directory = directory;
        Tombstones = tombstones;
        _meta = meta;
        _index = index;
        _chunks = chunks;
        SizeBytes = new FileInfo(Path.Combine(directory, "index")).Length + chunks.SizeBytes;
    }

    /// <summary>The block's directory.</summary>
    public string Directory { get; }

    /// <summary>The block's <c>meta.json</c> (replaced when a deletion changes its tombstone count).</summary>
    public BlockMeta Meta => _meta;

    /// <summary>Bytes the block's index and chunks take on disk (what size retention counts).</summary>
    public long SizeBytes { get; }

    /// <summary>
    /// Opens and fully checks the block in <paramref name="directory"/>: meta, every index checksum and every
    /// chunk checksum. Any damage throws <see cref="InvalidDataException"/> naming the file and what is wrong.
    /// </summary>
    public static Block Open(string directory)
    {
        var metaPath = Path.Combine(directory, BlockMeta.FileName);
        if (!File.Exists(metaPath))
        {
            throw new InvalidDataException($"{metaPath}: missing");
        }
        BlockMeta meta;
        try
        {
            meta = BlockMeta.Parse(File.ReadAllText(metaPath));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{metaPath}: {e.Message}", e);
        }
        var index = IndexReader.Open(Path.Combine(directory, "index"));
        var tombstones = TombstoneFile.Read(directory);
        var chunks = ChunkSegmentReader.Open(Path.Combine(directory, "chunks"));
        try
        {
            chunks.VerifyAll();
        }
        catch
        {
            chunks.Dispose();
            throw;
        }
        return new Block(directory, meta, index, chunks, tombstones);
    }

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        var result = new List<IStoredSeries>();
        if (!Meta.Overlaps(mint, maxt))
        {
            return result;
        }
        foreach (var id in MatchingIds(matchers))
        {
            var (labels, chunks) = _index.Series(id);
            var overlapping = Array.FindAll(chunks, c => c.Overlaps(mint, maxt));
            if (overlapping.Length > 0 && View(id, labels, overlapping) is { } series)
            {
                result.Add(series);
            }
        }
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        if (matchers.Count == 0 && Meta.Overlaps(mint, maxt))
        {
            return _index.LabelNames.ToList();
        }
        return LabelSetsOf(mint, maxt, matchers).SelectMany(l => l.Names).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        if (matchers.Count == 0 && Meta.Overlaps(mint, maxt))
        {
            return _index.LabelValues(name).ToList();
        }
        return LabelSetsOf(mint, maxt, matchers).Select(l => l.Get(name)).Where(v => v.Length > 0)
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The labels of the matching series with chunks in [mint, maxt], deleted ones included: as upstream, label
    /// queries read the index, and tombstones only hide samples (until clean_tombstones rewrites the block).
    /// </summary>
    private IEnumerable<LabelSet> LabelSetsOf(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        if (!Meta.Overlaps(mint, maxt))
        {
            yield break;
        }
        foreach (var id in MatchingIds(matchers))
        {
            var (labels, chunks) = _index.Series(id);
            if (Array.Exists(chunks, c => c.Overlaps(mint, maxt)))
            {
                yield return labels;
            }
        }
    }

    /// <summary>
    /// Closes the block's files once no series of it is being read; a reader that starts afterwards gets
    /// <see cref="ObjectDisposedException"/>. Compaction and retention call this before deleting the directory.
    /// </summary>
    public void Dispose()
    {
        lock (_lifetime)
        {
            _closing = true;
            if (_readers == 0)
            {
                _chunks.Dispose();
            }
        }
    }

    /// <summary>The samples of one series' chunks in [<paramref name="mint"/>, <paramref name="maxt"/>].</summary>
    internal IEnumerable<Sample> ReadSamples(ChunkMeta[] chunks, long mint, long maxt)
    {
        Enter();
        try
        {
            foreach (var meta in chunks)
            {
                if (!meta.Overlaps(mint, maxt))
                {
                    continue;
                }
                var (encoding, data) = _chunks.Read(meta.Ref);
                if (encoding == ChunkEncoding.VigilHistogram)
                {
                    continue;
                }
                foreach (var sample in SampleChunkCodec.Decode(encoding, data))
                {
                    if (sample.Timestamp >= mint && sample.Timestamp <= maxt)
                    {
                        yield return sample;
                    }
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Appends the samples of one series' chunks in [<paramref name="mint"/>, <paramref name="maxt"/>] to
    /// <paramref name="into"/>, decoding each chunk straight into it (no per-chunk list, no enumerators).
    /// </summary>
    internal void CopySamples(ChunkMeta[] chunks, long mint, long maxt, List<Sample> into)
    {
        Enter();
        try
        {
            foreach (var meta in chunks)
            {
                if (meta.Overlaps(mint, maxt))
                {
                    var (encoding, data) = _chunks.Read(meta.Ref);
                    if (encoding != ChunkEncoding.VigilHistogram)
                    {
                        SampleChunkCodec.DecodeInto(encoding, data, mint, maxt, into);
                    }
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Whether the block holds native histogram samples (its meta counts them).</summary>
    public bool MayHoldHistograms => Meta.Stats.NumHistogramSamples > 0;

    /// <summary>The histogram samples of one series' chunks in [<paramref name="mint"/>, <paramref name="maxt"/>].</summary>
    internal List<HistogramSample> ReadHistograms(ChunkMeta[] chunks, long mint, long maxt)
    {
        var result = new List<HistogramSample>();
        if (!MayHoldHistograms)
        {
            return result;
        }
        Enter();
        try
        {
            foreach (var meta in chunks)
            {
                if (meta.Overlaps(mint, maxt))
                {
                    var (encoding, data) = _chunks.Read(meta.Ref);
                    if (encoding == ChunkEncoding.VigilHistogram)
                    {
                        Chunks.HistogramChunk.Decode(data, null, mint, maxt, result);
                    }
                }
            }
        }
        finally
        {
            Exit();
        }
        return result;
    }

    private IEnumerable<int> MatchingIds(IReadOnlyList<Matcher> matchers)
    {
        List<int>? ids = null;
        // Matchers that select by value go first: their postings are small, and they shrink the set the
        // "everything except" matchers have to subtract from.
        foreach (var matcher in matchers.OrderBy(m => m.MatchesEmpty))
        {
            List<int> matched;
            if (!matcher.MatchesEmpty)
            {
                matched = _index.Postings(matcher.Name, matcher.Matches);
            }
            else
            {
                var excluded = _index.Postings(matcher.Name, v => !matcher.Matches(v));
                matched = PostingsOps.Without(ids ?? AllIds(), excluded);
            }
            ids = ids is null ? matched : PostingsOps.Intersect(ids, matched);
        }
        return ids ?? AllIds();
    }

    private List<int> AllIds() => Enumerable.Range(0, _index.SeriesCount).ToList();

    private void Enter()
    {
        lock (_lifetime)
        {
            ObjectDisposedException.ThrowIf(_closing, $"block {Meta.Id} was removed by compaction or retention");
            _readers++;
        }
    }

    private void Exit()
    {
        lock (_lifetime)
        {
            if (--_readers == 0 && _closing)
            {
                _chunks.Dispose();
            }
        }
    }
}

/// <summary>A series of a block, its chunks decoded only when enumerated.</summary>
internal sealed class BlockSeries(Block block, LabelSet labels, ChunkMeta[] chunks) : IStoredSeries
{
    public LabelSet Labels { get; } = labels;

    public IEnumerable<Sample> Samples(long mint, long maxt) => block.ReadSamples(chunks, mint, maxt);

    public void CopySamples(long mint, long maxt, List<Sample> into) => block.CopySamples(chunks, mint, maxt, into);

    public IEnumerable<HistogramSample> HistogramSamples(long mint, long maxt) => block.ReadHistograms(chunks, mint, maxt);
}
