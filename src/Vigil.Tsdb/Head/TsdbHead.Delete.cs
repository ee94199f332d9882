using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head.ChunkFiles;
using Vigil.Tsdb.Tombstones;

namespace Vigil.Tsdb.Head;

/// <summary>Deleting series data from the head: tombstones, logged before they take effect.</summary>
public sealed partial class TsdbHead
{
    /// <summary>The deleted ranges of head series, by series reference.</summary>
    internal TombstoneSet Tombstones { get; } = new();

    /// <summary>Whether any head series has deleted ranges.</summary>
    public bool HasTombstones => !Tombstones.IsEmpty;

    /// <summary>
    /// Deletes the samples in [<paramref name="mint"/>, <paramref name="maxt"/>] (inclusive) of every series matching
    /// <paramref name="matchers"/>. Each series' range is clamped to the samples it holds now, so samples appended
    /// afterwards are kept even when their timestamps fall in the range. The deletion is in the write-ahead log
    /// (so it survives a crash) before queries stop seeing the samples; returns how many series it touched.
    /// </summary>
    public int Delete(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        if (matchers.Count == 0)
        {
            // As upstream: no matchers select no series (not every series), so an empty selector deletes nothing.
            return 0;
        }
        var tombstones = new List<Tombstone>();
        foreach (var series in Resolve(matchers))
        {
            lock (series)
            {
                if (series.HasSamples && Intervals.Clamp(mint, maxt, series.MinTime, series.MaxTime) is { } interval)
                {
                    tombstones.Add(new Tombstone(series.Ref, interval));
                }
            }
        }
        if (tombstones.Count > 0)
        {
            Log?.WriteTombstones(tombstones);
            Tombstones.AddAll(tombstones);
        }
        return tombstones.Count;
    }

    /// <summary>
    /// The series as a query sees it: its chunks without those wholly deleted, and its samples filtered when some
    /// are deleted; null when nothing is left (so the series is not listed, as upstream).
    /// </summary>
    private IStoredSeries? View(MemSeries series, ChunkView[] chunks, HistogramChunkView[]? histograms)
    {
        var deleted = Tombstones.Get(series.Ref);
        if (deleted is null)
        {
            return chunks.Length > 0 || histograms is { Length: > 0 } ? new HeadSeriesView(series.Labels, chunks, histograms) : null;
        }
        var kept = Array.FindAll(chunks, c => !Intervals.Covers(deleted, c.MinTime, c.MaxTime));
        var keptHistograms = histograms is null ? null : Array.FindAll(histograms, c => !Intervals.Covers(deleted, c.MinTime, c.MaxTime));
        return kept.Length > 0 || keptHistograms is { Length: > 0 }
            ? new TombstonedSeries(new HeadSeriesView(series.Labels, kept, keptHistograms), deleted)
            : null;
    }
}
