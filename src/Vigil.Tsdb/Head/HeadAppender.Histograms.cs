using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>
/// Histogram samples: buffered apart from floats (so the float path is unchanged), checked against the stored
/// series and this appender's earlier histograms for the series; a commit logs and applies floats and histograms in
/// the order they were appended (as upstream's batched commit does), so a series may switch kinds within one commit.
/// </summary>
internal sealed partial class HeadAppender
{
    private List<PendingHistogram>? _histograms;
    private Dictionary<MemSeries, long>? _lastHistogramTime;

    public AppendStatus AppendHistogram(LabelSet labels, long timestamp, FloatHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(histogram);
        if (timestamp < minValidTime)
        {
            head.Metrics.Refused(AppendStatus.OutOfBounds);
            return AppendStatus.OutOfBounds;
        }
        var series = Pin(labels);
        var status = CheckPendingHistogram(series, timestamp, histogram);
        if (status == AppendStatus.Ok)
        {
            lock (series)
            {
                status = series.CheckHistogram(timestamp, histogram);
            }
        }
        if (status != AppendStatus.Ok)
        {
            head.Metrics.Refused(status);
            return status;
        }
        if (_lastHistogramTime!.TryGetValue(series, out var last) && last == timestamp)
        {
            return AppendStatus.Ok;
        }
        _lastHistogramTime[series] = timestamp;
        (_histograms ??= []).Add(new PendingHistogram(series, timestamp, histogram, _samples.Count));
        return AppendStatus.Ok;
    }

    /// <summary>The series for <paramref name="labels"/>, marked as written to (so truncation keeps it) once per appender.</summary>
    private MemSeries Pin(LabelSet labels)
    {
        _lastIndex ??= head.IndexPool.Rent();
        _lastHistogramTime ??= [];
        var series = ReferenceEquals(labels, _currentLabels) ? _current! : head.GetOrCreate(labels);
        while (true)
        {
            if (_lastIndex.ContainsKey(series))
            {
                return series;
            }
            lock (series)
            {
                if (!series.Removed)
                {
                    series.AddPending();
                    // No pending floats yet: the float path reads -1 as "none buffered".
                    _lastIndex[series] = -1;
                    return series;
                }
            }
            series = head.GetOrCreate(labels);
        }
    }

    private AppendStatus CheckPendingHistogram(MemSeries series, long t, FloatHistogram h)
    {
        if (!_lastHistogramTime!.TryGetValue(series, out var last) || t > last)
        {
            return AppendStatus.Ok;
        }
        if (t < last)
        {
            return AppendStatus.OutOfOrder;
        }
        var pending = _histograms!.FindLast(p => ReferenceEquals(p.Series, series));
        return pending.Histogram.WithHint(h.Hint).Equals(h) ? AppendStatus.Ok : AppendStatus.DuplicateTimestamp;
    }

    private void ReleaseHistograms()
    {
        _histograms?.Clear();
        _lastHistogramTime?.Clear();
    }
}
