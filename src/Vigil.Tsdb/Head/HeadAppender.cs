using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>
/// Buffers samples for one writer. Each sample is checked when appended against both the stored
/// series and this appender's own earlier samples, so the status the caller sees is final in the
/// common case; <see cref="Commit"/> logs the batch (when the head has a log) and then applies it.
/// </summary>
/// <remarks>
/// Writers append runs of samples for one series (a remote write series, a scrape's repeated
/// series), so the series of the previous call is remembered by label set identity: a run costs one
/// series lookup, not one per sample.
/// </remarks>
internal sealed class HeadAppender(TsdbHead head, long minValidTime) : IAppender
{
    private readonly PooledList<PendingSample> _samples = new();
    private readonly Dictionary<MemSeries, int> _lastIndex = new(ReferenceEqualityComparer.Instance);
    private LabelSet? _currentLabels;
    private MemSeries? _current;
    private int _currentLast = -1;

    public AppendStatus Append(LabelSet labels, long timestamp, double value)
    {
        if (timestamp < minValidTime)
        {
            head.Metrics.Refused(AppendStatus.OutOfBounds);
            return AppendStatus.OutOfBounds;
        }
        if (!ReferenceEquals(labels, _currentLabels))
        {
            SwitchTo(labels);
        }
        var series = _current!;
        var status = Check(series, timestamp, value);
        if (status != AppendStatus.Ok)
        {
            head.Metrics.Refused(status);
            return status;
        }
        if (_currentLast >= 0 && _samples[_currentLast].Timestamp == timestamp)
        {
            // The same sample again: accepted, nothing more to store.
            return AppendStatus.Ok;
        }
        _currentLast = _samples.Count;
        _samples.Add(new PendingSample(series, timestamp, value));
        return AppendStatus.Ok;
    }

    public void Commit()
    {
        try
        {
            if (_samples.Count > 0)
            {
                head.Log?.Write(_samples.Span);
                head.Apply(_samples.Span);
            }
        }
        finally
        {
            Release();
        }
    }

    public void Rollback() => Release();

    /// <summary>Makes <paramref name="labels"/>' series the current one, remembering where the previous one stood.</summary>
    private void SwitchTo(LabelSet labels)
    {
        if (_current is not null)
        {
            _lastIndex[_current] = _currentLast;
        }
        _current = Pin(labels);
        _currentLabels = labels;
        _currentLast = _lastIndex.TryGetValue(_current, out var last) ? last : -1;
    }

    /// <summary>
    /// The series for the labels, marked as being written to by this appender so truncation keeps
    /// it; looked up again if truncation removed it in between.
    /// </summary>
    private MemSeries Pin(LabelSet labels)
    {
        while (true)
        {
            var series = head.GetOrCreate(labels);
            if (_lastIndex.ContainsKey(series))
            {
                return series;
            }
            lock (series)
            {
                if (!series.Removed)
                {
                    series.AddPending();
                    _lastIndex[series] = -1;
                    return series;
                }
            }
        }
    }

    private AppendStatus Check(MemSeries series, long t, double v)
    {
        if (_currentLast >= 0)
        {
            var pending = _samples[_currentLast];
            if (t < pending.Timestamp)
            {
                return AppendStatus.OutOfOrder;
            }
            if (t == pending.Timestamp)
            {
                return BitConverter.DoubleToUInt64Bits(v) == BitConverter.DoubleToUInt64Bits(pending.Value)
                    ? AppendStatus.Ok
                    : AppendStatus.DuplicateTimestamp;
            }
        }
        // Checked against the stored series every time (as upstream): another appender may have committed newer samples.
        lock (series)
        {
            return series.Check(t, v);
        }
    }

    private void Release()
    {
        foreach (var series in _lastIndex.Keys)
        {
            series.RemovePending();
        }
        _lastIndex.Clear();
        _samples.Clear();
        _current = null;
        _currentLabels = null;
        _currentLast = -1;
    }
}
