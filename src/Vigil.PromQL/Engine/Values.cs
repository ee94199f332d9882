using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.PromQL.Engine;

/// <summary>A query result value: scalar, string, instant vector or range vector (matrix).</summary>
public abstract class QueryValue
{
}

/// <summary>A scalar value at a time.</summary>
public sealed class ScalarValue(long timestamp, double value) : QueryValue
{
    public long Timestamp { get; } = timestamp;

    public double Value { get; } = value;
}

/// <summary>A string value at a time.</summary>
public sealed class StringValue(long timestamp, string value) : QueryValue
{
    public long Timestamp { get; } = timestamp;

    public string Value { get; } = value;
}

/// <summary>One element of an instant vector: a float, or a native histogram when <see cref="Histogram"/> is set.</summary>
public readonly record struct VectorSample(LabelSet Metric, long Timestamp, double Value)
{
    /// <summary>The sample's native histogram; null for a float sample (then <see cref="Value"/> holds it).</summary>
    public FloatHistogram? Histogram { get; init; }

    /// <summary>
    /// Whether an operation on the way here removes the metric name (and <c>__type__</c>, <c>__unit__</c>). With
    /// delayed name removal the labels are still in <see cref="Metric"/> and go at the end of the query.
    /// </summary>
    public bool DropName { get; init; }
}

/// <summary>An instant vector.</summary>
public sealed class VectorValue(List<VectorSample> samples) : QueryValue
{
    public List<VectorSample> Samples { get; } = samples;
}

/// <summary>A point of a range-vector series.</summary>
public readonly record struct Point(long Timestamp, double Value);

/// <summary>A series of a range vector.</summary>
public sealed class SeriesValue(LabelSet metric, List<Point> points)
{
    public LabelSet Metric { get; } = metric;

    public List<Point> Points { get; } = points;

    /// <summary>
    /// The samples or steps whose value is a native histogram, oldest first; null when there are none. Kept
    /// apart so float points stay small.
    /// </summary>
    public List<(long Timestamp, FloatHistogram Histogram)>? Histograms { get; set; }

    /// <summary>Whether the series' name is to be removed at the end of the query (see <see cref="VectorSample.DropName"/>).</summary>
    public bool DropName { get; set; }
}

/// <summary>A range vector (matrix), one entry per series.</summary>
public sealed class MatrixValue(List<SeriesValue> series) : QueryValue
{
    public List<SeriesValue> Series { get; } = series;
}

/// <summary>The result of a query: a value plus warnings and infos (upstream's annotations).</summary>
public sealed class QueryResult(QueryValue value, IReadOnlyCollection<string> warnings, IReadOnlyCollection<string> infos)
{
    public QueryValue Value { get; } = value;

    public IReadOnlyCollection<string> Warnings { get; } = warnings;

    public IReadOnlyCollection<string> Infos { get; } = infos;
}

/// <summary>A query that failed while evaluating (not while parsing).</summary>
public sealed class QueryException(string message) : Exception(message)
{
}
