namespace Vigil.Scrape.Parsing;

/// <summary>Maps TYPE words to <see cref="MetricType"/> for each format.</summary>
internal static class MetadataText
{
    /// <summary>The text format's types (<c>untyped</c>, no OpenMetrics-only types).</summary>
    public static MetricType ParseTextType(ReadOnlySpan<byte> word, ExpositionParser parser) => word switch
    {
        _ when word.SequenceEqual("counter"u8) => MetricType.Counter,
        _ when word.SequenceEqual("gauge"u8) => MetricType.Gauge,
        _ when word.SequenceEqual("histogram"u8) => MetricType.Histogram,
        _ when word.SequenceEqual("summary"u8) => MetricType.Summary,
        _ when word.SequenceEqual("untyped"u8) => MetricType.Unknown,
        _ => throw Invalid(word, parser),
    };

    /// <summary>OpenMetrics 1.0's types (<c>unknown</c> instead of <c>untyped</c>).</summary>
    public static MetricType ParseOpenMetricsType(ReadOnlySpan<byte> word, ExpositionParser parser) => word switch
    {
        _ when word.SequenceEqual("counter"u8) => MetricType.Counter,
        _ when word.SequenceEqual("gauge"u8) => MetricType.Gauge,
        _ when word.SequenceEqual("histogram"u8) => MetricType.Histogram,
        _ when word.SequenceEqual("gaugehistogram"u8) => MetricType.GaugeHistogram,
        _ when word.SequenceEqual("summary"u8) => MetricType.Summary,
        _ when word.SequenceEqual("info"u8) => MetricType.Info,
        _ when word.SequenceEqual("stateset"u8) => MetricType.StateSet,
        _ when word.SequenceEqual("unknown"u8) => MetricType.Unknown,
        _ => throw Invalid(word, parser),
    };

    private static ExpositionParseException Invalid(ReadOnlySpan<byte> word, ExpositionParser parser)
    {
        var hint = word.IndexOf((byte)'\r') >= 0 ? " (CRLF line endings are not supported)" : "";
        return new ExpositionParseException(parser.Line, $"invalid metric type {ByteQuote.Quote(word)}{hint}");
    }
}
