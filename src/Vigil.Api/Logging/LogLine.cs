using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Vigil.Api.Logging;

/// <summary>Renders one log line in logfmt or JSON.</summary>
public static class LogLine
{
    /// <summary>Renders a line (with its trailing newline).</summary>
    public static string Render(LogFormat format, DateTimeOffset ts, LogLevel level, string caller, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var all = new List<KeyValuePair<string, string>>
        {
            new("ts", ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            new("level", LevelName(level)),
            new("caller", caller),
        };
        all.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, ValueText(f.Value))));
        return format == LogFormat.Json ? Json(all) : Logfmt(all);
    }

    /// <summary>The level as Prometheus components print it.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };

    private static string ValueText(object? value) => value switch
    {
        null => "null",
        string s => s,
        TimeSpan t => Vigil.Model.Time.PromDuration.Format(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Logfmt(List<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder(128);
        foreach (var (key, value) in fields)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(key).Append('=');
            AppendValue(sb, value);
        }
        return sb.Append('\n').ToString();
    }

    private static void AppendValue(StringBuilder sb, string value)
    {
        if (value.Length > 0 && !value.Any(c => c <= ' ' || c is '=' or '"' || c == '\u007f'))
        {
            sb.Append(value);
            return;
        }
        // Quoted the way Go's strconv.Quote does, which is what logfmt readers expect.
        sb.Append(Vigil.Model.GoString.Quote(value));
    }

    private static string Json(List<KeyValuePair<string, string>> fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            foreach (var (key, value) in fields)
            {
                w.WriteString(key, value);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
