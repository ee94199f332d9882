namespace Vigil.Scrape.Parsing;

/// <summary>The exposition formats Vigil parses.</summary>
public enum ExpositionFormat
{
    /// <summary>The Prometheus text format (<c>text/plain</c>).</summary>
    PrometheusText,

    /// <summary>OpenMetrics text (<c>application/openmetrics-text</c>).</summary>
    OpenMetrics,

    /// <summary>
    /// The protobuf format (<c>application/vnd.google.protobuf</c>): varint-delimited
    /// <c>io.prometheus.client.MetricFamily</c> messages, the only format carrying native histograms.
    /// </summary>
    PrometheusProto,
}

/// <summary>The format chosen for a response, or why none could be.</summary>
/// <param name="Format">The parser to use; null when the scrape fails with <paramref name="Message"/>.</param>
/// <param name="Message">
/// Null when the Content-Type named a supported format. With a format: why the fallback was used (a warning
/// for the log). Without: the scrape's error, in upstream's words.
/// </param>
public readonly record struct FormatChoice(ExpositionFormat? Format, string? Message);

/// <summary>
/// Content negotiation for scrapes, as today's upstream does it: the Accept header lists the job's
/// <c>scrape_protocols</c> in order with falling q-values, and the response's Content-Type picks the parser.
/// A missing, unparsable or unsupported Content-Type uses the job's <c>fallback_scrape_protocol</c>; without
/// one the scrape fails with upstream's error (Prometheus 2.x assumed the text format instead).
/// </summary>
public static class ContentNegotiation
{
    /// <summary>The media type each protocol name stands for (upstream's ScrapeProtocolsHeaders).</summary>
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        ["PrometheusProto"] = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
        ["PrometheusText0.0.4"] = "text/plain;version=0.0.4",
        ["PrometheusText1.0.0"] = "text/plain;version=1.0.0",
        ["OpenMetricsText0.0.1"] = "application/openmetrics-text;version=0.0.1",
        ["OpenMetricsText1.0.0"] = "application/openmetrics-text;version=1.0.0",
    };

    /// <summary>Upstream's default protocol preference.</summary>
    public static readonly IReadOnlyList<string> DefaultProtocols = ["OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4"];

    /// <summary>The Accept header for the default protocols.</summary>
    public static string AcceptHeader(bool utf8Names) => AcceptHeader(DefaultProtocols, utf8Names);

    /// <summary>
    /// The Accept header for <paramref name="protocols"/> (preferred first), weighted as upstream: the first
    /// gets q=0.6 and each next one 0.1 less, then <c>*/*</c>. The 1.0.0 text formats carry the name escaping
    /// scheme.
    /// </summary>
    public static string AcceptHeader(IReadOnlyList<string> protocols, bool utf8Names)
    {
        var escaping = utf8Names ? "allow-utf-8" : "underscores";
        var weight = MediaTypes.Count + 1;
        var values = new List<string>();
        foreach (var protocol in protocols)
        {
            if (MediaTypes.TryGetValue(protocol, out var media))
            {
                var escapingParameter = protocol is "PrometheusText1.0.0" or "OpenMetricsText1.0.0" ? $";escaping={escaping}" : "";
                values.Add($"{media}{escapingParameter};q=0.{weight}");
            }
            weight--;
        }
        values.Add($"*/*;q=0.{weight}");
        return string.Join(',', values);
    }

    /// <summary>The media type of a protocol name ("" when unknown or empty).</summary>
    public static string MediaTypeOf(string protocol) =>
        MediaTypes.TryGetValue(protocol, out var media) ? media[..media.IndexOf(';', StringComparison.Ordinal)] : "";

    /// <summary>Picks the parser for a response's Content-Type, with the job's fallback protocol name ("" for none).</summary>
    public static FormatChoice Choose(string? contentType, string fallbackProtocol = "")
    {
        var fallback = MediaTypeOf(fallbackProtocol);
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return fallback.Length == 0
                ? Fail("non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target")
                : Use(fallback, $"non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol {Quote(fallback)}");
        }
        var mediaType = MediaType(contentType);
        if (mediaType is null)
        {
            return fallback.Length == 0
                ? Fail($"cannot parse Content-Type {Quote(contentType)} and no fallback_scrape_protocol for target")
                : Use(fallback, $"could not parse received Content-Type {Quote(contentType)}, using fallback_scrape_protocol {Quote(fallback)}");
        }
        if (Parser(mediaType) is { } format)
        {
            return new(format, null);
        }
        return fallback.Length == 0
            ? Fail($"received unsupported Content-Type {Quote(contentType)} and no fallback_scrape_protocol specified for target")
            : Use(fallback, $"received unsupported Content-Type {Quote(contentType)}, using fallback_scrape_protocol {Quote(fallback)}");
    }

    private static FormatChoice Fail(string message) => new(null, message);

    private static FormatChoice Use(string mediaType, string note) => new(Parser(mediaType), note);

    private static ExpositionFormat? Parser(string mediaType) => mediaType switch
    {
        "application/openmetrics-text" => ExpositionFormat.OpenMetrics,
        "text/plain" => ExpositionFormat.PrometheusText,
        "application/vnd.google.protobuf" => ExpositionFormat.PrometheusProto,
        _ => null,
    };

    /// <summary>The lower-cased <c>type/subtype</c>, or null when it is not a valid media type.</summary>
    private static string? MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
        var slash = media.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == media.Length - 1 || !media.All(c => c == '/' || IsTokenChar(c)) || media.IndexOf('/', slash + 1) >= 0)
        {
            return null;
        }
        return media;
    }

    private static bool IsTokenChar(char c) => c is > ' ' and < (char)0x7f && "()<>@,;:\\\"/[]?=".IndexOf(c, StringComparison.Ordinal) < 0;

    private static string Quote(string s) => Vigil.Model.GoString.Quote(s.Length > 100 ? s[..100] + "..." : s);
}
