namespace Vigil.Scrape.Parsing;

/// <summary>The text exposition formats Vigil parses.</summary>
public enum ExpositionFormat
{
    /// <summary>The Prometheus text format (<c>text/plain</c>).</summary>
    PrometheusText,

    /// <summary>OpenMetrics text (<c>application/openmetrics-text</c>).</summary>
    OpenMetrics,
}

/// <summary>The format chosen for a response and, when it was not what the target declared, why.</summary>
/// <param name="Format">The parser to use.</param>
/// <param name="Note">Null when the Content-Type named a supported format; otherwise a sentence for the debug log or target status.</param>
public readonly record struct FormatChoice(ExpositionFormat Format, string? Note);

/// <summary>
/// Content negotiation for scrapes, following upstream: the Accept header offers OpenMetrics first, and
/// the response's Content-Type picks the parser. A missing, malformed or unsupported Content-Type uses
/// the job's <c>fallback_scrape_protocol</c> when set, else the Prometheus text format (what Prometheus
/// 2.x did), and says so in <see cref="FormatChoice.Note"/>.
/// </summary>
public static class ContentNegotiation
{
    /// <summary>The Accept header upstream sends by default (text formats only: Vigil does not parse protobuf).</summary>
    public static string AcceptHeader(bool utf8Names)
    {
        var escaping = utf8Names ? "allow-utf-8" : "underscores";
        return $"application/openmetrics-text;version=1.0.0;escaping={escaping};q=0.6," +
            "application/openmetrics-text;version=0.0.1;q=0.5," +
            $"text/plain;version=1.0.0;escaping={escaping};q=0.4," +
            "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
    }

    /// <summary>Picks the parser for a response's Content-Type.</summary>
    public static FormatChoice Choose(string? contentType, ExpositionFormat? fallback = null)
    {
        var use = fallback ?? ExpositionFormat.PrometheusText;
        var source = fallback is null ? "the Prometheus text format" : $"fallback_scrape_protocol ({Describe(use)})";
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return new(use, $"target sent no Content-Type; parsing as {source}");
        }
        var mediaType = MediaType(contentType);
        return mediaType switch
        {
            null => new(use, $"cannot parse Content-Type {Quote(contentType)}; parsing as {source}"),
            "application/openmetrics-text" => new(ExpositionFormat.OpenMetrics, null),
            "text/plain" => new(ExpositionFormat.PrometheusText, null),
            "application/vnd.google.protobuf" => new(use, $"protobuf exposition is not supported; parsing as {source}"),
            _ => new(use, $"unsupported Content-Type {Quote(contentType)}; parsing as {source}"),
        };
    }

    private static string Describe(ExpositionFormat f) => f == ExpositionFormat.OpenMetrics ? "OpenMetrics" : "Prometheus text";

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
