using Vigil.Model.Histograms;
using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>A series' native histogram samples: ordered with its float samples by one newest timestamp.</summary>
internal sealed partial class MemSeries
{
    /// <summary>Whether the series holds (or held since the last truncation) histogram samples. Caller holds the lock.</summary>
    public bool HoldsHistograms => _histograms?.HasSamples == true;

    /// <summary>
    /// Checks a histogram sample as upstream does: older than the newest sample of either kind is out of order; at
    /// the same time only the same histogram again is accepted (and dropped), anything else is a duplicate.
    /// Caller holds the lock.
    /// </summary>
    public AppendStatus CheckHistogram(long t, FloatHistogram h)
    {
        if (!HasSamples || t > MaxTime)
        {
            return AppendStatus.Ok;
        }
        if (t < MaxTime)
        {
            return AppendStatus.OutOfOrder;
        }
        return _histograms is { LastWasHistogram: true, Last: { } last } && SameSample(last, h)
            ? AppendStatus.Ok
            : AppendStatus.DuplicateTimestamp;
    }

    /// <summary>Stores a histogram that <see cref="CheckHistogram"/> accepted; false for a repeat of the newest sample. Caller holds the lock.</summary>
    public bool AppendHistogram(long t, FloatHistogram h)
    {
        if (HasSamples && t <= MaxTime)
        {
            return false;
        }
        (_histograms ??= new HistogramSeries(Ref, chunkFiles)).Append(t, h);
        MaxTime = t;
        return true;
    }

    /// <summary>The histogram chunks overlapping [mint, maxt]; empty for a float-only series. Caller holds the lock.</summary>
    public HistogramChunkView[] SnapshotHistograms(long mint, long maxt) =>
        _histograms is null ? [] : _histograms.Snapshot(mint, maxt);

    // The hint is how the sender described the sample, not part of its value.
    private static bool SameSample(FloatHistogram a, FloatHistogram b) => a.WithHint(b.Hint).Equals(b);
}
