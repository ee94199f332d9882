using Vigil.Tsdb.Head.ChunkFiles;

namespace Vigil.Tsdb.Head;

/// <summary>Start-up: chunks loaded from the head chunk files, before and after the write-ahead log replay.</summary>
public sealed partial class TsdbHead
{
    /// <summary>
    /// Gives a series (just restored from its WAL record, before any of its samples) the chunks the files hold for it,
    /// and widens the head's time range by them. Returns how many chunks it took.
    /// </summary>
    internal int AttachLoadedChunks(MemSeries series, List<LoadedChunk> chunks)
    {
        int attached;
        long min, max;
        bool histograms;
        lock (series)
        {
            attached = series.RestoreChunks(chunks);
            min = series.HasSamples ? series.MinTime : long.MaxValue;
            max = Math.Max(series.LoadedFloatMaxTime, series.LoadedHistogramMaxTime);
            histograms = series.HoldsHistograms;
        }
        if (attached > 0)
        {
            InterlockedMin(ref _minTime, min);
            InterlockedMax(ref _maxTime, max);
        }
        if (histograms)
        {
            Volatile.Write(ref _holdsHistograms, true);
        }
        return attached;
    }

    /// <summary>Ends the replay for a series that took loaded chunks (see <see cref="MemSeries.FinishRestore"/>).</summary>
    internal static void FinishRestore(MemSeries series)
    {
        lock (series)
        {
            series.FinishRestore();
        }
    }
}
