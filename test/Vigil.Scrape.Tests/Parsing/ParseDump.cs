using System.Globalization;
using System.Text;
using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Tests.Parsing;

/// <summary>Runs a parser to the end and renders each entry as one line of text, so tests compare whole tables.</summary>
internal static class ParseDump
{
    public static List<string> Text(string payload) => All(new PrometheusTextParser(Encoding.UTF8.GetBytes(payload)));

    public static List<string> OpenMetrics(string payload, bool skipCreated = false) =>
        All(new OpenMetricsParser(Encoding.UTF8.GetBytes(payload), skipCreated));

    public static List<string> All(ExpositionParser parser)
    {
        var entries = new List<string>();
        for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
        {
            entries.Add(Render(parser, e));
        }
        return entries;
    }

    public static string Render(ExpositionParser p, ExpositionEntry e) => e switch
    {
        ExpositionEntry.Series => $"{p.Labels()} {Format(p.Value)}" + (p.TimestampMs is { } ts ? $" @{ts}" : "") + Exemplar(p),
        ExpositionEntry.Histogram => $"{p.Labels()} {p.Histogram}" + (p.TimestampMs is { } ts ? $" @{ts}" : ""),
        ExpositionEntry.Help => $"HELP {p.MetricNameString()} {p.Help()}",
        ExpositionEntry.Type => $"TYPE {p.MetricNameString()} {p.Type}",
        ExpositionEntry.Unit => $"UNIT {p.MetricNameString()} {p.Unit}",
        _ => "COMMENT",
    };

    private static string Exemplar(ExpositionParser p) =>
        p is OpenMetricsParser { HasExemplar: true } om
            ? $" # {om.ExemplarLabels()} {Format(om.ExemplarValue)}" + (om.ExemplarTimestampMs is { } ts ? $" @{ts}" : "")
            : "";

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses to the end and returns the error (the test fails when there is none).</summary>
    public static ExpositionParseException TextError(string payload) => Error(new PrometheusTextParser(Encoding.UTF8.GetBytes(payload)));

    public static ExpositionParseException TextError(byte[] payload) => Error(new PrometheusTextParser(payload));

    public static ExpositionParseException OpenMetricsError(string payload) => Error(new OpenMetricsParser(Encoding.UTF8.GetBytes(payload)));

    public static ExpositionParseException OpenMetricsError(byte[] payload) => Error(new OpenMetricsParser(payload));

    private static ExpositionParseException Error(ExpositionParser parser) =>
        Assert.Throws<ExpositionParseException>(() =>
        {
            while (parser.Next() != ExpositionEntry.End)
            {
            }
        });
}
