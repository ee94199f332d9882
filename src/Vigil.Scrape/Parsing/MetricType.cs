namespace Vigil.Scrape.Parsing;

/// <summary>A metric family's type from its <c># TYPE</c> line.</summary>
public enum MetricType
{
    /// <summary>No TYPE line, <c>untyped</c> (text) or <c>unknown</c> (OpenMetrics).</summary>
    Unknown,

    /// <summary><c>counter</c>.</summary>
    Counter,

    /// <summary><c>gauge</c>.</summary>
    Gauge,

    /// <summary><c>histogram</c>.</summary>
    Histogram,

    /// <summary><c>summary</c>.</summary>
    Summary,

    /// <summary><c>gaugehistogram</c> (OpenMetrics).</summary>
    GaugeHistogram,

    /// <summary><c>info</c> (OpenMetrics).</summary>
    Info,

    /// <summary><c>stateset</c> (OpenMetrics).</summary>
    StateSet,
}
