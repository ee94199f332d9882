using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.Storage.Memory;

/// <summary>Buffers samples and hands them to the storage on commit.</summary>
internal sealed class MemoryAppender(MemoryStorage storage) : IAppender
{
    private readonly List<(LabelSet, Sample)> _pending = [];
    private readonly List<(LabelSet, HistogramSample)> _pendingHistograms = [];

    /// <remarks>The test storage accepts any order, so PromQL scripts can load series in any order.</remarks>
    public AppendStatus Append(LabelSet labels, long timestamp, double value)
    {
        _pending.Add((labels, new Sample(timestamp, value)));
        return AppendStatus.Ok;
    }

    public AppendStatus AppendHistogram(LabelSet labels, long timestamp, FloatHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        _pendingHistograms.Add((labels, new HistogramSample(timestamp, histogram)));
        return AppendStatus.Ok;
    }

    public void Commit()
    {
        storage.Add(_pending, _pendingHistograms);
        _pending.Clear();
        _pendingHistograms.Clear();
    }

    public void Rollback()
    {
        _pending.Clear();
        _pendingHistograms.Clear();
    }
}
