using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using Vigil.Templating.Execution;
using Vigil.Templating.Formatting;

namespace Vigil.Templating.Functions;

/// <summary>
/// Go's <c>json.Marshal</c> output for template values: map keys sorted, HTML-sensitive characters
/// escaped (<c>\u003c</c>), floats in Go's shortest form, times as RFC 3339 with nanoseconds.
/// </summary>
public static class GoJson
{
    /// <summary>Serialises <paramref name="value"/> as Go would.</summary>
    public static string Marshal(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidOperationException("json: unsupported value: encountered a cycle");
        }
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: WriteString(sb, s); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case double or float or decimal: WriteFloat(sb, GoValues.ToDouble(value), value is float); return;
            case DateTimeOffset t: WriteString(sb, GoTimeFormat.Format(t, "2006-01-02T15:04:05.999999999Z07:00")); return;
            case ZonedTime z: WriteString(sb, GoTimeFormat.Format(z.Time, "2006-01-02T15:04:05.999999999Z07:00")); return;
            case DateTime t: WriteString(sb, GoTimeFormat.Format(GoValues.ToOffset(t), "2006-01-02T15:04:05.999999999Z07:00")); return;
            case TimeSpan d: sb.Append((d.Ticks * 100).ToString(CultureInfo.InvariantCulture)); return;
            case byte[] bytes: WriteString(sb, Convert.ToBase64String(bytes)); return;
        }
        if (GoValues.TryGetInteger(value, out var n))
        {
            sb.Append(n.ToString(CultureInfo.InvariantCulture));
            return;
        }
        if (value is ulong u)
        {
            sb.Append(u.ToString(CultureInfo.InvariantCulture));
            return;
        }
        WriteComposite(sb, value, depth);
    }

    private static void WriteComposite(StringBuilder sb, object value, int depth)
    {
        if (MapView.TryCreate(value, out var map))
        {
            sb.Append('{');
            var first = true;
            foreach (var (key, v) in map.SortedEntries())
            {
                AppendSeparator(sb, ref first);
                WriteString(sb, GoFormat.FormatValue(key));
                sb.Append(':');
                Write(sb, v, depth + 1);
            }
            sb.Append('}');
            return;
        }
        if (value is IEnumerable list)
        {
            sb.Append('[');
            var first = true;
            foreach (var item in list)
            {
                AppendSeparator(sb, ref first);
                Write(sb, item, depth + 1);
            }
            sb.Append(']');
            return;
        }
        WriteObject(sb, value, depth);
    }

    private static void WriteObject(StringBuilder sb, object value, int depth)
    {
        sb.Append('{');
        var first = true;
        foreach (var property in GoValues.DisplayProperties(value.GetType()))
        {
            if (property.IsDefined(typeof(JsonIgnoreAttribute)))
            {
                continue;
            }
            AppendSeparator(sb, ref first);
            WriteString(sb, property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name);
            sb.Append(':');
            Write(sb, property.GetValue(value), depth + 1);
        }
        sb.Append('}');
    }

    private static void AppendSeparator(StringBuilder sb, ref bool first)
    {
        if (!first)
        {
            sb.Append(',');
        }
        first = false;
    }

    private static void WriteFloat(StringBuilder sb, double f, bool f32)
    {
        if (double.IsNaN(f) || double.IsInfinity(f))
        {
            throw new InvalidOperationException("json: unsupported value: " + GoFloat.Format(f, 'g', -1));
        }
        var abs = Math.Abs(f);
        var useExp = abs != 0 && (abs < 1e-6 || abs >= 1e21);
        var text = GoFloat.Format(f, useExp ? 'e' : 'f', -1, f32);
        if (useExp)
        {
            // Go trims "e-07" to "e-7".
            if (text.Length >= 4 && text[^4] == 'e' && text[^3] == '-' && text[^2] == '0')
            {
                text = text[..^2] + text[^1];
            }
        }
        sb.Append(text);
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
