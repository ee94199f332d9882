using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Loop;

/// <summary>What a target's HELP, TYPE and UNIT lines say about one metric family.</summary>
/// <param name="Family">The name on the metadata lines (for OpenMetrics counters, without <c>_total</c>).</param>
/// <param name="Type">The TYPE line's type; <see cref="MetricType.Unknown"/> without one.</param>
/// <param name="Help">The HELP text with escapes resolved; "" without one.</param>
/// <param name="Unit">The UNIT line's unit (OpenMetrics); "" without one.</param>
public sealed record MetricMetadata(string Family, MetricType Type, string Help, string Unit)
{
    /// <summary>The type as upstream's API writes it (<c>counter</c>, ..., <c>unknown</c>; never <c>untyped</c>).</summary>
    public string TypeName => Type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.Summary => "summary",
        MetricType.GaugeHistogram => "gaugehistogram",
        MetricType.Info => "info",
        MetricType.StateSet => "stateset",
        _ => "unknown",
    };
}
