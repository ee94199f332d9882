using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Chunks;
using Vigil.Tsdb.Head.ChunkFiles;

namespace Vigil.Tsdb.Head;

/// <summary>
/// A series as one query sees it: the chunks that existed when the query selected it, each bounded
/// by the sample count of that moment, so later appends never show up half-way through a query.
/// </summary>
internal sealed class HeadSeriesView(LabelSet labels, ChunkView[] chunks, HistogramChunkView[]? histogramChunks = null) : IStoredSeries
{
    public LabelSet Labels { get; } = labels;

    /// <summary>Decodes the histogram chunks in range; each sample carries the hint decided when it was appended.</summary>
    public IEnumerable<HistogramSample> HistogramSamples(long mint, long maxt)
    {
        if (histogramChunks is null)
        {
            return [];
        }
        var result = new List<HistogramSample>();
        foreach (var view in histogramChunks)
        {
            if (view.MaxTime >= mint && view.MinTime <= maxt)
            {
                Chunks.HistogramChunk.Decode(view.Bytes, view.Count, mint, maxt, result);
            }
        }
        return result;
    }

    public IEnumerable<Sample> Samples(long mint, long maxt)
    {
        byte[]? scratch = null;
        try
        {
            foreach (var view in chunks)
            {
                if (view.MaxTime < mint)
                {
                    continue;
                }
                if (view.MinTime > maxt)
                {
                    yield break;
                }
                var it = view.Iterator(ref scratch);
                if (!it.Seek(mint))
                {
                    continue;
                }
                do
                {
                    if (it.Timestamp > maxt)
                    {
                        yield break;
                    }
                    yield return it.Current;
                }
                while (it.Next());
            }
        }
        finally
        {
            ChunkScratch.Return(ref scratch);
        }
    }

    /// <summary>
    /// Decodes the overlapping chunks straight into <paramref name="into"/>: no enumerator state machine
    /// and no per-sample interface calls, which dominate a query that reads thousands of series.
    /// </summary>
    public void CopySamples(long mint, long maxt, List<Sample> into)
    {
        byte[]? scratch = null;
        try
        {
            foreach (var view in chunks)
            {
                if (view.MaxTime < mint)
                {
                    continue;
                }
                if (view.MinTime > maxt)
                {
                    return;
                }
                if (!CopyChunk(view.Iterator(ref scratch), mint, maxt, into))
                {
                    return;
                }
            }
        }
        finally
        {
            ChunkScratch.Return(ref scratch);
        }
    }

    /// <summary>Copies one chunk's samples in range; false once a sample past <paramref name="maxt"/> is met.</summary>
    private static bool CopyChunk(XorIterator it, long mint, long maxt, List<Sample> into)
    {
        if (!it.Seek(mint))
        {
            return true;
        }
        do
        {
            if (it.Timestamp > maxt)
            {
                return false;
            }
            into.Add(it.Current);
        }
        while (it.Next());
        return true;
    }
}
