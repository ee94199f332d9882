using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Vigil.Api.Metrics;

/// <summary>What the exporter keeps per instrument: its exposition name, type and series.</summary>
internal sealed class InstrumentState
{
    /// <summary>Prometheus' default histogram buckets (client_golang's DefBuckets).</summary>
    internal static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public InstrumentState(Instrument instrument, TimeProvider time)
    {
        _time = time;
        Instrument = instrument;
        Quantiles = QuantilesOf(instrument);
        Kind = Quantiles is null ? KindOf(instrument) : MetricType.Summary;
        Name = ExpositionName(instrument.Name, Kind);
        Bounds = Kind == MetricType.Histogram ? BucketsOf(instrument) : null;
    }

    public Instrument Instrument { get; }

    public MetricType Kind { get; }

    public string Name { get; }

    public double[]? Bounds { get; }

    /// <summary>A summary's quantiles (0..1), from the instrument's <see cref="PrometheusExporter.SummaryQuantilesTag"/>.</summary>
    public double[]? Quantiles { get; }

    public string Help => Instrument.Description ?? "";

    /// <summary>Whether values are replaced at each collection rather than accumulated.</summary>
    public bool IsObservable => Instrument.IsObservable;

    public IEnumerable<MetricSeries> Series => _series.Values;

    public MetricSeries For(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return _series.GetOrAdd("", _ => NewSeries([]));
        }
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(SanitizeName(tags[i].Key), Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
        }
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = Key(labels);
        return _series.TryGetValue(key, out var found) ? found : _series.GetOrAdd(key, _ => NewSeries(labels));
    }

    private MetricSeries NewSeries(KeyValuePair<string, string>[] labels) =>
        new(labels, Bounds, Kind == MetricType.Summary ? new SummaryWindow(_time) : null);

    /// <summary>Marks every series unobserved before observable callbacks run, so vanished ones can be dropped.</summary>
    public void BeginCollect()
    {
        foreach (var s in _series.Values)
        {
            s.Observed = false;
        }
    }

    public void DropUnobserved()
    {
        foreach (var (key, s) in _series)
        {
            if (!s.Observed)
            {
                _series.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Turns an instrument name into a valid metric name (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>).</summary>
    public static string SanitizeName(string name)
    {
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c));
            sb.Append(ok ? c : '_');
        }
        return sb.ToString();
    }

    private static string Key(KeyValuePair<string, string>[] labels)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in labels)
        {
            sb.Append(k).Append('\u0000').Append(v).Append('\u0001');
        }
        return sb.ToString();
    }

    private static MetricType KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (generic == typeof(Counter<>) || generic == typeof(ObservableCounter<>))
        {
            return MetricType.Counter;
        }
        return generic == typeof(Histogram<>) ? MetricType.Histogram : MetricType.Gauge;
    }

    private static string ExpositionName(string name, MetricType kind)
    {
        var clean = SanitizeName(name);
        return kind == MetricType.Counter && !clean.EndsWith("_total", StringComparison.Ordinal) ? clean + "_total" : clean;
    }

    private static double[]? QuantilesOf(Instrument instrument) =>
        instrument is Histogram<double> && instrument.Tags?.FirstOrDefault(t => t.Key == PrometheusExporter.SummaryQuantilesTag).Value is double[] quantiles
            ? quantiles
            : null;

    private static double[] BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } b } => [.. b],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } b } => [.. b.Select(x => (double)x)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } b } => [.. b.Select(x => (double)x)],
        _ => DefaultBuckets,
    };
}

/// <summary>Prometheus metric types.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
    Summary,
}
