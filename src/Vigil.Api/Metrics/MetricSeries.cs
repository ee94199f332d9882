namespace Vigil.Api.Metrics;

/// <summary>
/// One labelled series of an instrument: a running sum (counters), a last value (gauges and
/// observable instruments), a bucketed distribution (histograms) or a window of recent observations
/// (summaries). Updated under its own lock because measurements arrive from any thread.
/// </summary>
internal sealed class MetricSeries(KeyValuePair<string, string>[] labels, double[]? bounds, SummaryWindow? window = null)
{
    private readonly Lock _gate = new();
    private readonly long[]? _buckets = bounds is null ? null : new long[bounds.Length + 1];
    private double _value;
    private double _sum;
    private long _count;

    /// <summary>The series' labels, sorted by name.</summary>
    public KeyValuePair<string, string>[] Labels { get; } = labels;

    /// <summary>Whether an observable callback reported this series in the latest collection.</summary>
    public bool Observed { get; set; }

    public void Add(double delta)
    {
        lock (_gate)
        {
            _value += delta;
        }
    }

    public void Set(double value)
    {
        lock (_gate)
        {
            _value = value;
            Observed = true;
        }
    }

    public void Record(double value)
    {
        if (window is not null)
        {
            lock (_gate)
            {
                window.Observe(value);
                _sum += value;
                _count++;
            }
            return;
        }
        var i = Array.BinarySearch(bounds!, value);
        var bucket = i >= 0 ? i : ~i;
        lock (_gate)
        {
            _buckets![bucket]++;
            _sum += value;
            _count++;
        }
    }

    public double Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>A consistent copy of a summary: the value at each quantile (NaN with no recent observations), sum, count.</summary>
    public (double[] Quantiles, double Sum, long Count) SummarySnapshot(IReadOnlyList<double> quantiles)
    {
        lock (_gate)
        {
            return (window!.Quantiles(quantiles), _sum, _count);
        }
    }

    /// <summary>A consistent copy of a histogram: cumulative counts per upper bound, sum, count.</summary>
    public (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        lock (_gate)
        {
            var cumulative = new long[_buckets!.Length];
            long running = 0;
            for (var i = 0; i < cumulative.Length; i++)
            {
                running += _buckets[i];
                cumulative[i] = running;
            }
            return (cumulative, _sum, _count);
        }
    }
}
