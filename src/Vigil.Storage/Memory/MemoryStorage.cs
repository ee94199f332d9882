using Vigil.Model.Labels;

namespace Vigil.Storage.Memory;

/// <summary>
/// A storage kept entirely in memory, one sorted sample list per series: for tests and the PromQL
/// script runner, not for production volumes.
/// </summary>
public sealed class MemoryStorage : IStorage, IStartTimestampSource
{
    private readonly Dictionary<LabelSet, MemorySeries> _series = [];
    private readonly Dictionary<(LabelSet Series, long Timestamp), long> _startTimestamps = [];
    private readonly Lock _lock = new();
    private volatile bool _hasHistograms;

    /// <inheritdoc />
    public bool MayHoldHistograms => _hasHistograms;

    /// <inheritdoc />
    public IAppender Appender() => new MemoryAppender(this);

    /// <summary>Removes every series.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _series.Clear();
            _startTimestamps.Clear();
            _hasHistograms = false;
        }
    }

    /// <inheritdoc />
    public bool HasStartTimestamps
    {
        get
        {
            lock (_lock)
            {
                return _startTimestamps.Count > 0;
            }
        }
    }

    /// <summary>Records the start timestamp of the sample of <paramref name="series"/> at <paramref name="timestamp"/>.</summary>
    public void SetStartTimestamp(LabelSet series, long timestamp, long startTimestamp)
    {
        lock (_lock)
        {
            _startTimestamps[(series, timestamp)] = startTimestamp;
        }
    }

    /// <inheritdoc />
    public long StartTimestamp(LabelSet series, long timestamp)
    {
        lock (_lock)
        {
            return _startTimestamps.GetValueOrDefault((series, timestamp));
        }
    }

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        List<MemorySeries> result;
        lock (_lock)
        {
            result = _series.Values.Where(s => matchers.All(m => m.Matches(s.Labels)) && s.Overlaps(mint, maxt)).ToList();
        }
        result.Sort((a, b) => LabelSetComparer.Instance.Compare(a.Labels, b.Labels));
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        Select(mint, maxt, matchers).SelectMany(s => s.Labels.Select(l => l.Name)).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        Select(mint, maxt, matchers).Select(s => s.Labels.Get(name)).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    internal void Add(List<(LabelSet Labels, Sample Sample)> samples, List<(LabelSet Labels, HistogramSample Sample)> histograms)
    {
        lock (_lock)
        {
            foreach (var (labels, sample) in samples)
            {
                SeriesFor(labels).Add(sample);
            }
            foreach (var (labels, sample) in histograms)
            {
                SeriesFor(labels).Add(sample);
                _hasHistograms = true;
            }
        }
    }

    private MemorySeries SeriesFor(LabelSet labels)
    {
        if (!_series.TryGetValue(labels, out var series))
        {
            series = new MemorySeries(labels);
            _series[labels] = series;
        }
        return series;
    }
}
