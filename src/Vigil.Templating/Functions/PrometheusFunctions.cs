using System.Net;
using Vigil.Model.Labels;
using Vigil.Model.Time;
using Vigil.Templating.Execution;

namespace Vigil.Templating.Functions;

/// <summary>Runs a PromQL instant query for the <c>query</c> template function.</summary>
public delegate IReadOnlyList<TemplateSample> TemplateQueryFunc(string query, DateTimeOffset time);

/// <summary>One sample of a query result as templates see it: <c>.Labels</c> and <c>.Value</c>.</summary>
public sealed class TemplateSample(IReadOnlyDictionary<string, string> labels, object? value)
{
    /// <summary>The series labels, including <c>__name__</c> when present.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    /// <summary>The sample value (a float64, or a histogram object).</summary>
    public object? Value { get; } = value;
}

/// <summary>
/// Prometheus' template functions for alerting-rule annotations and labels and console templates
/// (<c>prometheus/template</c>). A map is bound to one evaluation: its query time and external URL.
/// </summary>
public static class PrometheusFunctions
{
    /// <summary>
    /// Builds the function map. <paramref name="query"/> backs <c>query</c> (null: it fails);
    /// <paramref name="timestamp"/> is the evaluation time used by <c>query</c> and <c>now</c>.
    /// </summary>
    public static FunctionMap Create(TemplateQueryFunc? query, string externalUrl, DateTimeOffset timestamp)
    {
        return new FunctionMap()
            .Add("query", (Func<string, List<TemplateSample>>)(q => Query(query, q, timestamp)))
            .Add("first", (Func<List<TemplateSample>, TemplateSample>)First)
            .Add("label", (Func<string, TemplateSample, string>)((name, s) => s.Labels.TryGetValue(name, out var v) ? v : ""))
            .Add("value", (Func<TemplateSample, object?>)(s => s.Value))
            .Add("strvalue", (Func<TemplateSample, string>)(s => s.Labels.TryGetValue("__value__", out var v) ? v : ""))
            .Add("args", (Func<object?[], Dictionary<string, object?>>)Args)
            .Add("reReplaceAll", (Func<string, string, string, string>)AlertmanagerFunctions.ReReplaceAll)
            .Add("safeHtml", (Func<string, string>)(s => s))
            .Add("match", (Func<string, string, bool>)((pattern, s) => GoRegex.Compile(pattern).IsMatch(s)))
            .Add("title", (Func<string, string>)(s => GoText.Title(s, noLower: true)))
            .Add("toUpper", (Func<string, string>)(s => s.ToUpperInvariant()))
            .Add("toLower", (Func<string, string>)(s => s.ToLowerInvariant()))
            .Add("graphLink", (Func<string, string>)(e => "/graph?g0.expr=" + Escapers.QueryEscape(e) + "&g0.tab=0"))
            .Add("tableLink", (Func<string, string>)(e => "/graph?g0.expr=" + Escapers.QueryEscape(e) + "&g0.tab=1"))
            .Add("sortByLabel", (Func<string, List<TemplateSample>, List<TemplateSample>>)SortByLabel)
            .Add("stripPort", (Func<string, string>)StripPort)
            .Add("stripDomain", (Func<string, string>)StripDomain)
            .Add("humanize", (Func<object?, string>)Humanize.Number)
            .Add("humanize1024", (Func<object?, string>)Humanize.Number1024)
            .Add("humanizeDuration", (Func<object?, string>)Humanize.Duration)
            .Add("humanizePercentage", (Func<object?, string>)Humanize.Percentage)
            .Add("humanizeTimestamp", (Func<object?, string>)Humanize.Timestamp)
            .Add("toTime", (Func<object?, DateTimeOffset>)(v => Humanize.ToTime(Humanize.ToFloat(v))))
            .Add("toDuration", (Func<object?, TimeSpan>)(v => TimeSpan.FromTicks((long)(Humanize.ToFloat(v) * TimeSpan.TicksPerSecond))))
            .Add("now", (Func<double>)(() => timestamp.ToUnixTimeMilliseconds() / 1000.0))
            .Add("pathPrefix", (Func<string>)(() => PathOf(externalUrl)))
            .Add("externalURL", (Func<string>)(() => externalUrl))
            .Add("parseDuration", (Func<string, double>)ParseDuration)
            .Add("urlQueryEscape", (Func<string, string>)Escapers.QueryEscape);
    }

    /// <summary>The path of a URL as Go's <c>url.URL.Path</c> has it: empty when the URL has none.</summary>
    private static string PathOf(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var slash = url.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (slash < 0)
        {
            return "";
        }
        var end = url.IndexOfAny(['?', '#'], slash);
        return Uri.UnescapeDataString(end < 0 ? url[slash..] : url[slash..end]);
    }

    private static List<TemplateSample> Query(TemplateQueryFunc? query, string q, DateTimeOffset timestamp)
    {
        if (query is null)
        {
            throw new InvalidOperationException("query is not available in this context");
        }
        return [.. query(q, timestamp)];
    }

    private static TemplateSample First(List<TemplateSample> samples) =>
        samples.Count > 0 ? samples[0] : throw new InvalidOperationException("first() called on vector with no elements");

    private static Dictionary<string, object?> Args(params object?[] args)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            result["arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = args[i];
        }
        return result;
    }

    private static List<TemplateSample> SortByLabel(string label, List<TemplateSample> samples)
    {
        var sorted = samples.OrderBy(s => s.Labels.TryGetValue(label, out var v) ? v : "", StringComparer.Ordinal).ToList();
        samples.Clear();
        samples.AddRange(sorted);
        return samples;
    }

    private static double ParseDuration(string text)
    {
        var negative = text.StartsWith('-');
        var d = PromDuration.Parse(negative ? text[1..] : text);
        return (negative ? -1 : 1) * d.TotalSeconds;
    }

    /// <summary>Go's <c>net.SplitHostPort</c> host part, or the input when it has no valid port.</summary>
    public static string StripPort(string hostPort) => TrySplitHostPort(hostPort, out var host, out _) ? host : hostPort;

    /// <summary>Drops everything after the first dot of a host name, keeping a port; IP addresses are left alone.</summary>
    public static string StripDomain(string hostPort)
    {
        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            host = hostPort;
            port = "";
        }
        if (IPAddress.TryParse(host, out _) && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3))
        {
            return hostPort;
        }
        host = host.Split('.')[0];
        if (port.Length == 0)
        {
            return host;
        }
        return host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static bool TrySplitHostPort(string hostPort, out string host, out string port)
    {
        host = port = "";
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 != colon)
            {
                return false;
            }
            host = hostPort[1..close];
        }
        else
        {
            host = hostPort[..colon];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }
        port = hostPort[(colon + 1)..];
        return true;
    }
}
