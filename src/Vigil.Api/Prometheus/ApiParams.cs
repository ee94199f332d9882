using System.Globalization;
using Vigil.Model.Labels;
using Vigil.Model.Time;
using Vigil.PromQL.Parser;

namespace Vigil.Api.Prometheus;

/// <summary>
/// Parses API parameters the way upstream does: times as unix seconds (fractions allowed, rounded to
/// the millisecond) or RFC 3339; durations as float seconds or Prometheus durations; limits as
/// non-negative integers; <c>match[]</c> as series selectors. Times are milliseconds since the epoch.
/// </summary>
public static class ApiParams
{
    /// <summary>The default start of optional ranges: upstream's minimum time, in milliseconds.</summary>
    public const long MinTime = -9223309901257974000;

    /// <summary>The default end of optional ranges: upstream's maximum time, in milliseconds.</summary>
    public const long MaxTime = 9223309901257973999;

    // Clients (the Go client library, Grafana) send upstream's boundary times formatted; years beyond
    // four digits do not parse as RFC 3339, so they are recognised by their exact text.
    private const string MinTimeText = "-292273086-05-16T16:47:06Z";
    private const string MaxTimeText = "292277026596-12-04T15:30:07.999999999Z";

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses a time; throws <see cref="FormatException"/> with upstream's message.</summary>
    public static long ParseTime(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            var whole = Math.Truncate(seconds);
            var millis = Math.Round((seconds - whole) * 1000, MidpointRounding.AwayFromZero);
            return ((long)whole * 1000) + (long)millis;
        }
        var trimmedNanos = TrimNanos(text);
        if (DateTimeOffset.TryParseExact(trimmedNanos, Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t.ToUnixTimeMilliseconds();
        }
        return text switch
        {
            MinTimeText => MinTime,
            MaxTimeText => MaxTime,
            _ => throw new FormatException($"cannot parse \"{text}\" to a valid timestamp"),
        };
    }

    /// <summary>The optional time parameter <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public static long TimeParam(ApiRequest request, string name, long fallback)
    {
        var text = request.Value(name);
        if (text.Length == 0)
        {
            return fallback;
        }
        try
        {
            return ParseTime(text);
        }
        catch (FormatException e)
        {
            throw ApiError.InvalidParam(name, $"invalid time value for '{name}': {e.Message}");
        }
    }

    /// <summary>Parses a duration (float seconds or <c>5m</c>-style); throws <see cref="FormatException"/> with upstream's message.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            var ticks = seconds * TimeSpan.TicksPerSecond;
            if (double.IsNaN(ticks) || ticks >= long.MaxValue || ticks <= long.MinValue)
            {
                throw new FormatException($"cannot parse \"{text}\" to a valid duration. It overflows int64");
            }
            return TimeSpan.FromTicks((long)ticks);
        }
        if (PromDuration.TryParse(text, out var d, out _))
        {
            return d;
        }
        throw new FormatException($"cannot parse \"{text}\" to a valid duration");
    }

    /// <summary>The <c>limit</c> parameter: 0 (no limit) when absent.</summary>
    public static int Limit(ApiRequest request)
    {
        var text = request.Value("limit");
        if (text.Length == 0)
        {
            return 0;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            throw ApiError.InvalidParam("limit", $"strconv.Atoi: parsing \"{text}\": invalid syntax");
        }
        return limit < 0 ? throw ApiError.InvalidParam("limit", "limit must be non-negative") : limit;
    }

    /// <summary>
    /// Parses every <c>match[]</c> selector; each must have a matcher that does not match the empty
    /// string, or it would select every series. Throws <see cref="ApiError"/> (bad_data).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Matcher>> MatcherSets(IReadOnlyList<string> selectors)
    {
        var sets = new List<IReadOnlyList<Matcher>>();
        foreach (var text in selectors)
        {
            var matchers = ParseSelector(text);
            if (matchers.All(m => m.MatchesEmpty))
            {
                throw new ApiError(ApiErrorType.BadData, "match[] must contain at least one non-empty matcher");
            }
            sets.Add(matchers);
        }
        return sets;
    }

    /// <summary>Parses one series selector (<c>{job="node"}</c>) into its matchers; throws <see cref="ApiError"/> (bad_data).</summary>
    public static IReadOnlyList<Matcher> ParseSelector(string text)
    {
        Expr expr;
        try
        {
            expr = PromQLParser.Parse(text);
        }
        catch (ParseException e) when (e.Detail.Contains("at least one non-empty matcher", StringComparison.Ordinal))
        {
            // Our parser refuses such selectors itself; the API reports them in its own words, as upstream does.
            throw new ApiError(ApiErrorType.BadData, "match[] must contain at least one non-empty matcher");
        }
        catch (ParseException e)
        {
            throw new ApiError(ApiErrorType.BadData, e.Message);
        }
        return expr is VectorSelector { Offset: 0, At: null } selector
            ? selector.Matchers
            : throw new ApiError(ApiErrorType.BadData, $"1:1: parse error: {Vigil.Model.GoString.Quote(text)} is not a series selector (expected e.g. up{{job=\"node\"}})");
    }

    // .NET parses at most 7 fractional digits; RFC 3339 allows nanoseconds, which Go keeps and we
    // round down to the millisecond anyway.
    private static string TrimNanos(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }
        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        return end - dot - 1 <= 7 ? text : text[..(dot + 8)] + text[end..];
    }
}
