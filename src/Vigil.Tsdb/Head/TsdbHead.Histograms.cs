using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>The head's native histogram samples.</summary>
public sealed partial class TsdbHead
{
    private bool _holdsHistograms;

    /// <summary>True once a histogram sample was stored, until truncation drops the last one.</summary>
    public bool MayHoldHistograms => Volatile.Read(ref _holdsHistograms);

    /// <summary>
    /// Makes a commit holding histogram samples visible at once, floats and histograms in the order they were
    /// appended. As for floats, a sample overtaken since it was buffered is dropped and counted by its reason.
    /// </summary>
    internal void ApplyMixed(ReadOnlySpan<PendingSample> floats, IReadOnlyList<PendingHistogram> histograms)
    {
        long min = long.MaxValue, max = long.MinValue, appended = 0;
        // Set before the samples become visible, so a query that can see them takes the histogram-aware path.
        Volatile.Write(ref _holdsHistograms, true);
        _commitGate.EnterReadLock();
        try
        {
            var floatsDone = 0;
            foreach (var (series, t, h, floatsBefore) in histograms)
            {
                appended += ApplyFloats(floats[floatsDone..floatsBefore], ref min, ref max);
                floatsDone = floatsBefore;
                lock (series)
                {
                    appended += ApplyHistogram(series, t, h, ref min, ref max);
                }
            }
            appended += ApplyFloats(floats[floatsDone..], ref min, ref max);
        }
        finally
        {
            _commitGate.ExitReadLock();
        }
        PublishAppended(appended, min, max);
    }

    // Appenders buffer a series' samples in runs: one lock per run, not per sample.
    private long ApplyFloats(ReadOnlySpan<PendingSample> samples, ref long min, ref long max)
    {
        long appended = 0;
        var start = 0;
        while (start < samples.Length)
        {
            var series = samples[start].Series;
            var end = start + 1;
            while (end < samples.Length && ReferenceEquals(samples[end].Series, series))
            {
                end++;
            }
            appended += ApplyRun(series, samples[start..end], ref min, ref max);
            start = end;
        }
        return appended;
    }

    private int ApplyHistogram(MemSeries series, long t, Model.Histograms.FloatHistogram h, ref long min, ref long max)
    {
        var status = series.CheckHistogram(t, h);
        if (status != AppendStatus.Ok)
        {
            Metrics.Refused(status);
            return 0;
        }
        if (!series.AppendHistogram(t, h))
        {
            return 0;
        }
        min = Math.Min(min, t);
        max = Math.Max(max, t);
        return 1;
    }
}
