using System.Globalization;
using System.Text;

namespace Vigil.Api.Metrics;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4).</summary>
public static class TextFormat
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Formats a sample value as Prometheus parsers read it.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Escapes a label value (backslash, double quote, newline).</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Escapes HELP text (backslash, newline).</summary>
    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string Write(IEnumerable<InstrumentState> instruments)
    {
        var sb = new StringBuilder(4096);
        // Several instruments may share a name (e.g. one per meter); they form one family.
        foreach (var family in instruments.GroupBy(i => i.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = family.First();
            var series = family.SelectMany(i => i.Series).ToList();
            if (series.Count == 0)
            {
                continue;
            }
            sb.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(first.Help)).Append('\n');
            sb.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Kind.ToString().ToLowerInvariant()).Append('\n');
            foreach (var s in series.OrderBy(s => LabelText(s.Labels, null), StringComparer.Ordinal))
            {
                WriteSeries(sb, first, s);
            }
        }
        return sb.ToString();
    }

    private static void WriteSeries(StringBuilder sb, InstrumentState instrument, MetricSeries series)
    {
        if (instrument.Kind == MetricType.Summary)
        {
            WriteSummary(sb, instrument, series);
            return;
        }
        if (instrument.Kind != MetricType.Histogram)
        {
            Sample(sb, instrument.Name, LabelText(series.Labels, null), series.Value);
            return;
        }
        var (cumulative, sum, count) = series.Snapshot();
        var bounds = instrument.Bounds!;
        for (var i = 0; i < bounds.Length; i++)
        {
            Sample(sb, instrument.Name + "_bucket", LabelText(series.Labels, ("le", FormatValue(bounds[i]))), cumulative[i]);
        }
        Sample(sb, instrument.Name + "_bucket", LabelText(series.Labels, ("le", "+Inf")), count);
        Sample(sb, instrument.Name + "_sum", LabelText(series.Labels, null), sum);
        Sample(sb, instrument.Name + "_count", LabelText(series.Labels, null), count);
    }

    private static void WriteSummary(StringBuilder sb, InstrumentState instrument, MetricSeries series)
    {
        var quantiles = instrument.Quantiles!;
        var (values, sum, count) = series.SummarySnapshot(quantiles);
        for (var i = 0; i < quantiles.Length; i++)
        {
            Sample(sb, instrument.Name, LabelText(series.Labels, ("quantile", FormatValue(quantiles[i]))), values[i]);
        }
        Sample(sb, instrument.Name + "_sum", LabelText(series.Labels, null), sum);
        Sample(sb, instrument.Name + "_count", LabelText(series.Labels, null), count);
    }

    private static void Sample(StringBuilder sb, string name, string labels, double value) =>
        sb.Append(name).Append(labels).Append(' ').Append(FormatValue(value)).Append('\n');

    /// <summary>The label block; <paramref name="extra"/> (a histogram's <c>le</c>, a summary's <c>quantile</c>) goes last, as client_golang writes it.</summary>
    private static string LabelText(KeyValuePair<string, string>[] labels, (string Name, string Value)? extra)
    {
        if (labels.Length == 0 && extra is null)
        {
            return "";
        }
        var parts = labels.Select(l => $"{l.Key}=\"{EscapeLabelValue(l.Value)}\"");
        if (extra is { } e)
        {
            parts = parts.Append($"{e.Name}=\"{e.Value}\"");
        }
        return "{" + string.Join(",", parts) + "}";
    }
}
