using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>
/// Buffers samples for one writer. Each sample is checked when appended against both the stored
/// series and this appender's own earlier samples, so the status the caller sees is final in the
/// common case; <see cref="Commit"/> logs the batch (when the head has a log) and then applies it.
/// </summary>
internal sealed class HeadAppender(TsdbHead head, long minValidTime) : IAppender
{
    private readonly List<PendingSample> _samples = [];
    private readonly Dictionary<MemSeries, int> _lastIndex = new(ReferenceEqualityComparer.Instance);

    public AppendStatus Append(LabelSet labels, long timestamp, double value)
    {
        if (timestamp < minValidTime)
        {
            head.Metrics.Refused(AppendStatus.OutOfBounds);
            return AppendStatus.OutOfBounds;
        }
        var series = Pin(labels);
        var status = Check(series, timestamp, value);
        if (status != AppendStatus.Ok)
        {
            head.Metrics.Refused(status);
            return status;
        }
        var last = _lastIndex[series];
        if (last >= 0 && _samples[last].Timestamp == timestamp)
        {
            // The same sample again: accepted, nothing more to store.
            return AppendStatus.Ok;
        }
        _lastIndex[series] = _samples.Count;
        _samples.Add(new PendingSample(series, timestamp, value));
        return AppendStatus.Ok;
    }

    public void Commit()
    {
        try
        {
            if (_samples.Count > 0)
            {
                head.Log?.Write(_samples);
                head.Apply(_samples);
            }
        }
        finally
        {
            Release();
        }
    }

    public void Rollback() => Release();

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
        var last = _lastIndex[series];
        if (last >= 0)
        {
            var pending = _samples[last];
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
    }
}
