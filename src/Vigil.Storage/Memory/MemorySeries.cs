using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.Storage.Memory;

/// <summary>
/// One in-memory series: float and histogram samples, each sorted by timestamp; a later write at the same
/// time replaces the earlier one of either kind.
/// </summary>
internal sealed class MemorySeries(LabelSet labels) : IStoredSeries
{
    private readonly List<Sample> _samples = [];
    private readonly List<HistogramSample> _histograms = [];

    public LabelSet Labels { get; } = labels;

    public bool Overlaps(long mint, long maxt) =>
        (_samples.Count > 0 && _samples[0].Timestamp <= maxt && _samples[^1].Timestamp >= mint)
        || (_histograms.Count > 0 && _histograms[0].Timestamp <= maxt && _histograms[^1].Timestamp >= mint);

    public void Add(Sample sample)
    {
        Put(_samples, sample, sample.Timestamp);
        RemoveAt(_histograms, sample.Timestamp);
    }

    public void Add(HistogramSample sample)
    {
        Put(_histograms, sample, sample.Timestamp);
        RemoveAt(_samples, sample.Timestamp);
    }

    public IEnumerable<Sample> Samples(long mint, long maxt)
    {
        for (var i = LowerBound(_samples, mint); i < _samples.Count && _samples[i].Timestamp <= maxt; i++)
        {
            yield return _samples[i];
        }
    }

    public IEnumerable<HistogramSample> HistogramSamples(long mint, long maxt)
    {
        for (var i = LowerBound(_histograms, mint); i < _histograms.Count && _histograms[i].Timestamp <= maxt; i++)
        {
            yield return _histograms[i] with { Histogram = _histograms[i].Histogram.WithHint(ReadHint(i)) };
        }
    }

    // The hint upstream's chunks give back: a gauge stays a gauge; the first histogram of a chunk is unknown,
    // and later ones of the chunk are not resets. A chunk starts with the series' first histogram, the first
    // after a float sample (such as a stale marker) or a gauge, and at every counter reset, so a reset reads
    // back as unknown (readers find it again by comparing with the previous histogram).
    private CounterResetHint ReadHint(int i)
    {
        var h = _histograms[i];
        if (h.Histogram.Hint == CounterResetHint.Gauge)
        {
            return CounterResetHint.Gauge;
        }
        if (i == 0 || FloatBetween(_histograms[i - 1].Timestamp, h.Timestamp))
        {
            return CounterResetHint.Unknown;
        }
        var previous = _histograms[i - 1].Histogram;
        if (previous.Hint == CounterResetHint.Gauge)
        {
            return CounterResetHint.Unknown;
        }
        return h.Histogram.IsResetAfter(previous) ? CounterResetHint.Unknown : CounterResetHint.NotReset;
    }

    private bool FloatBetween(long after, long before)
    {
        var i = LowerBound(_samples, after + 1);
        return i < _samples.Count && _samples[i].Timestamp < before;
    }

    private static void Put<T>(List<T> list, T sample, long timestamp)
        where T : struct
    {
        if (list.Count == 0 || TimeOf(list[^1]) < timestamp)
        {
            list.Add(sample);
            return;
        }
        var i = LowerBound(list, timestamp);
        if (i < list.Count && TimeOf(list[i]) == timestamp)
        {
            list[i] = sample;
        }
        else
        {
            list.Insert(i, sample);
        }
    }

    private static void RemoveAt<T>(List<T> list, long timestamp)
        where T : struct
    {
        var i = LowerBound(list, timestamp);
        if (i < list.Count && TimeOf(list[i]) == timestamp)
        {
            list.RemoveAt(i);
        }
    }

    private static long TimeOf<T>(T sample)
        where T : struct => sample switch
        {
            Sample s => s.Timestamp,
            HistogramSample h => h.Timestamp,
            _ => throw new InvalidOperationException("unknown sample type " + typeof(T).Name),
        };

    private static int LowerBound<T>(List<T> list, long t)
        where T : struct
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (TimeOf(list[mid]) < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
