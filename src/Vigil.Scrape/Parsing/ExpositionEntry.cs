namespace Vigil.Scrape.Parsing;

/// <summary>What <see cref="ExpositionParser.Next"/> found.</summary>
public enum ExpositionEntry
{
    /// <summary>No more entries: the payload is fully and validly read.</summary>
    End,

    /// <summary>A sample: read <see cref="ExpositionParser.Series"/>, <see cref="ExpositionParser.Value"/>, ...</summary>
    Series,

    /// <summary>A <c># HELP</c> line: <see cref="ExpositionParser.MetricName"/> and <see cref="ExpositionParser.Help"/>.</summary>
    Help,

    /// <summary>A <c># TYPE</c> line: <see cref="ExpositionParser.MetricName"/> and <see cref="ExpositionParser.Type"/>.</summary>
    Type,

    /// <summary>A <c># UNIT</c> line (OpenMetrics): <see cref="ExpositionParser.MetricName"/> and <see cref="ExpositionParser.Unit"/>.</summary>
    Unit,

    /// <summary>Any other comment line (text format only).</summary>
    Comment,

    /// <summary>
    /// A native histogram sample (protobuf format): <see cref="ExpositionParser.Series"/>,
    /// <see cref="ExpositionParser.Histogram"/>, <see cref="ExpositionParser.TimestampMs"/>.
    /// </summary>
    Histogram,
}
