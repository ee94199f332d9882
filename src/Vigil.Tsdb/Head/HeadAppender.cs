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
/// series lookup, not one per sample. A writer that keeps the <see cref="SeriesRef"/> handles costs none.
/// </remarks>
internal sealed partial class HeadAppender(TsdbHead head, long minValidTime) : IAppender
{
    private readonly PooledList<PendingSample> _samples = new();
    private Dictionary<MemSeries, int>? _lastIndex;
    private LabelSet? _currentLabels;
    private MemSeries? _current;
    private int _currentLast = -1;

    public AppendStatus Append(LabelSet labels, long timestamp, double value)
    {
        var none = SeriesRef.None;
        return Append(ref none, labels, timestamp, value);
    }

    /// <remarks>
    /// The handle is the <see cref="MemSeries"/> itself. It is used only if this head issued it and truncation
    /// has not removed the series since (checked under the series lock, where truncation marks it); otherwise
    /// the series is looked up by <paramref name="labels"/> and the handle replaced.
    /// </remarks>
    public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestamp, double value)
    {
        if (timestamp < minValidTime)
        {
            head.Metrics.Refused(AppendStatus.OutOfBounds);
            return AppendStatus.OutOfBounds;
        }
        var status = ReferenceEquals(labels, _currentLabels)
            ? Check(_current!, timestamp, value)
            : SwitchTo(labels, series.Series as MemSeries, timestamp, value);
        series = new SeriesRef(_current, _current!.Labels);
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
        _samples.Add(new PendingSample(_current!, timestamp, value));
        return AppendStatus.Ok;
    }

    public void Reserve(int samples) => _samples.EnsureCapacity(_samples.Count + samples);

    public void Commit()
    {
        try
        {
            if (_histograms is { Count: > 0 })
            {
                head.Log?.WriteMixed(_samples.Span, _histograms);
                head.ApplyMixed(_samples.Span, _histograms);
            }
            else if (_samples.Count > 0)
            {
                head.Log?.Write(_samples.Span);
                head.Apply(_samples.Span);
            }
            CommitExemplars();
        }
        finally
        {
            Release();
        }
    }

    public void Rollback() => Release();

    /// <summary>
    /// Makes <paramref name="labels"/>' series the current one (remembering where the previous one stood) and
    /// checks the sample against it. A series new to this appender is marked as being written to, so
    /// truncation keeps it, and checked against its stored samples under that same lock.
    /// </summary>
    private AppendStatus SwitchTo(LabelSet labels, MemSeries? known, long t, double v)
    {
        _lastIndex ??= head.IndexPool.Rent();
        if (_current is not null)
        {
            _lastIndex[_current] = _currentLast;
        }
        _currentLabels = labels;
        var series = known is not null && ReferenceEquals(known.Head, head) ? known : head.GetOrCreate(labels);
        while (true)
        {
            _current = series;
            if (_lastIndex.TryGetValue(series, out var last))
            {
                _currentLast = last;
                return Check(series, t, v);
            }
            _currentLast = -1;
            lock (series)
            {
                if (!series.Removed)
                {
                    series.AddPending();
                    _lastIndex[series] = -1;
                    return series.Check(t, v);
                }
            }
            // Truncation dropped it since it was found (or since the handle was issued): find or create it again.
            series = head.GetOrCreate(labels);
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
        if (_lastIndex is not null)
        {
            foreach (var series in _lastIndex.Keys)
            {
                series.RemovePending();
            }
            head.IndexPool.Return(_lastIndex);
            _lastIndex = null;
        }
        _samples.Clear();
        _exemplars?.Clear();
        ReleaseHistograms();
        _current = null;
        _currentLabels = null;
        _currentLast = -1;
    }
}

