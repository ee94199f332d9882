using System.Text;
using Vigil.Model.Labels;
using Vigil.Templating.Execution;
using Vigil.Templating.Formatting;

namespace Vigil.Templating.Functions;

/// <summary>
/// Alertmanager's template functions (<c>template.DefaultFuncs</c>). <c>routeLabels</c> is a
/// placeholder so templates using it parse; bind the real one per execution through the
/// overrides of <see cref="TemplateSet.ExecuteText(string, object?, FunctionMap?)"/>.
/// </summary>
public static class AlertmanagerFunctions
{
    /// <summary>Builds the function map; <paramref name="time"/> backs <c>now</c> and <c>since</c>.</summary>
    public static FunctionMap Create(TimeProvider time) => new FunctionMap()
        .Add("toUpper", (Func<string, string>)(s => s.ToUpperInvariant()))
        .Add("toLower", (Func<string, string>)(s => s.ToLowerInvariant()))
        .Add("title", (Func<string, string>)(s => GoText.Title(s)))
        .Add("trimSpace", (Func<string, string>)GoText.TrimSpace)
        .Add("join", (Func<string, string[], string>)((sep, items) => string.Join(sep, items)))
        .Add("match", (Func<string, string, bool>)((pattern, s) => GoRegex.Compile(pattern).IsMatch(s)))
        .Add("safeHtml", (Func<string, string>)(s => s))
        .Add("safeUrl", (Func<string, string>)(s => s))
        .Add("urlUnescape", (Func<string, string>)Escapers.QueryUnescape)
        .Add("reReplaceAll", (Func<string, string, string, string>)ReReplaceAll)
        .Add("stringSlice", (Func<string[], string[]>)StringSlice)
        .Add("routeLabels", (Func<string, string>)(_ => ""))
        .Add("date", (Func<string, object?, string>)Date)
        .Add("tz", (Func<string, DateTimeOffset, ZonedTime>)InZone)
        .Add("now", (Func<DateTimeOffset>)(() => time.GetUtcNow()))
        .Add("since", (Func<DateTimeOffset, TimeSpan>)(t => time.GetUtcNow() - t))
        .Add("humanizeDuration", (Func<object?, string>)Humanize.Duration)
        .Add("toDate", (Func<string, string, DateTimeOffset>)ToDate)
        .Add("mustToDate", (Func<string, string, DateTimeOffset>)GoTimeParse.Parse)
        .Add("toJson", (Func<object?, string>)GoJson.Marshal)
        .Add("base64encode", (Func<string, string>)Base64Encode)
        .Add("base64decode", (Func<string, string>)Base64Decode)
        .Add("list", (Func<object?[], List<object?>>)List)
        .Add("append", (Func<List<object?>, object?[], List<object?>>)Append)
        .Add("dict", (Func<object?[], Dictionary<string, object?>>)Dict);

    /// <summary>Go's <c>regexp.MustCompile(pattern).ReplaceAllString(text, repl)</c>.</summary>
    public static string ReReplaceAll(string pattern, string replacement, string text) =>
        GoText.ReplaceAll(GoRegex.Compile(pattern), pattern, text, replacement);

    private static string[] StringSlice(params string[] items) => items;

    private static List<object?> List(params object?[] items) => [.. items];

    private static List<object?> Append(List<object?> list, params object?[] items) => [.. list, .. items];

    private static Dictionary<string, object?> Dict(params object?[] values)
    {
        if (values.Length % 2 != 0)
        {
            throw new InvalidOperationException("dict requires an even number of arguments");
        }
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i += 2)
        {
            if (values[i] is not string key)
            {
                throw new InvalidOperationException("dict keys must be strings");
            }
            result[key] = values[i + 1];
        }
        return result;
    }

    private static string Date(string layout, object? time) => time switch
    {
        ZonedTime z => z.Format(layout),
        DateTimeOffset t => GoTimeFormat.Format(t, layout),
        DateTime t => GoTimeFormat.Format(GoValues.ToOffset(t), layout),
        _ => throw new InvalidOperationException($"wrong type for value; expected time.Time; got {GoFormat.TypeName(time)}"),
    };

    private static ZonedTime InZone(string name, DateTimeOffset t)
    {
        if (name is "" or "UTC")
        {
            return new ZonedTime(t.ToUniversalTime(), "UTC");
        }
        var zone = name == "Local" ? TimeZoneInfo.Local : TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) ? found : null;
        return zone is null ? throw new InvalidOperationException("unknown time zone " + name) : ZonedTime.In(t, zone);
    }

    private static DateTimeOffset ToDate(string layout, string value)
    {
        try
        {
            return GoTimeParse.Parse(layout, value);
        }
        catch (FormatException)
        {
            return new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }
    }

    private static string Base64Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Replace('+', '-').Replace('/', '_');

    private static string Base64Decode(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(standard));
        }
        catch (FormatException)
        {
            throw new FormatException("illegal base64 data at input byte " + FirstBadByte(text));
        }
    }

    private static int FirstBadByte(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '='))
            {
                return i;
            }
        }
        return text.Length - (text.Length % 4 == 0 ? 0 : text.Length % 4);
    }
}
