using Vigil.Model.Histograms;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// The native histogram samples of one prefetched series, read from storage once for the whole query beside
/// its floats (<see cref="PrefetchedSeries"/>). Each step takes its window as a list, exactly as a read of that
/// window from storage would give it, including what a statistics-only read changes
/// (<see cref="HistogramStatsReads"/>).
/// </summary>
internal sealed class PrefetchedHistograms
{
    private readonly long[] _timestamps;
    private readonly FloatHistogram[] _histograms;

    // For a statistics-only read: each histogram without buckets, its unknown hint replaced by what comparing it
    // with the series' previous histogram says. A window's first histogram has no previous one in the window,
    // so it keeps the stored hint instead (see WindowHistogram).
    private readonly FloatHistogram[]? _stats;

    private PrefetchedHistograms(long[] timestamps, FloatHistogram[] histograms, FloatHistogram[]? stats)
    {
        _timestamps = timestamps;
        _histograms = histograms;
        _stats = stats;
    }

    /// <summary>How many histogram samples the series has in the prefetched stretch.</summary>
    public int Count => _timestamps.Length;

    /// <summary>The series' histograms as read, or null when it has none in the stretch.</summary>
    public static PrefetchedHistograms? Read(IStoredSeries stored, long mint, long maxt, bool statsOnly)
    {
        var read = new List<(long Timestamp, FloatHistogram Histogram)>();
        foreach (var sample in stored.HistogramSamples(mint, maxt))
        {
            read.Add((sample.Timestamp, sample.Histogram));
        }
        if (read.Count == 0)
        {
            return null;
        }
        var timestamps = read.ConvertAll(x => x.Timestamp).ToArray();
        var histograms = read.ConvertAll(x => x.Histogram).ToArray();
        FloatHistogram[]? stats = null;
        if (statsOnly)
        {
            HistogramStatsReads.Apply(read);
            stats = read.ConvertAll(x => x.Histogram).ToArray();
        }
        return new PrefetchedHistograms(timestamps, histograms, stats);
    }

    /// <summary>The histograms with timestamps in [<paramref name="mint"/>, <paramref name="maxt"/>], oldest first.</summary>
    public List<(long Timestamp, FloatHistogram Histogram)> Window(long mint, long maxt)
    {
        var (from, to) = (Search(mint), Search(maxt + 1));
        var result = new List<(long, FloatHistogram)>(to - from);
        for (var i = from; i < to; i++)
        {
            result.Add((_timestamps[i], WindowHistogram(i, from)));
        }
        return result;
    }

    /// <summary>The newest histogram in [<paramref name="mint"/>, <paramref name="maxt"/>], or null.</summary>
    public HistogramSample? Latest(long mint, long maxt)
    {
        var i = Search(maxt + 1) - 1;
        if (i < 0 || _timestamps[i] < mint)
        {
            return null;
        }
        var first = i > 0 && _timestamps[i - 1] >= mint ? i - 1 : i;
        return new HistogramSample(_timestamps[i], WindowHistogram(i, first));
    }

    private FloatHistogram WindowHistogram(int i, int firstOfWindow) =>
        _stats is null ? _histograms[i]
            : i == firstOfWindow ? _stats[i].WithHint(_histograms[i].Hint)
            : _stats[i];

    // The first index whose timestamp is at or after t (a series' timestamps are distinct and ascending).
    private int Search(long t)
    {
        var i = Array.BinarySearch(_timestamps, t);
        return i >= 0 ? i : ~i;
    }
}
