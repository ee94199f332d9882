using System.Globalization;
using System.Text;
using Vigil.Templating.Formatting;

namespace Vigil.Templating.Execution;

/// <summary>Go's <c>HTMLEscapeString</c>, <c>JSEscapeString</c> and <c>url.QueryEscape</c>.</summary>
internal static class Escapers
{
    /// <summary>One string argument is used as is; otherwise the arguments are printed as by <c>print</c>, missing values as <c>&lt;no value&gt;</c>.</summary>
    public static string EvalArgs(object?[] args)
    {
        if (args is [string s])
        {
            return s;
        }
        var printable = args.Select(a => a ?? "<no value>").ToArray();
        return GoFormat.Sprint(printable);
    }

    public static string Html(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\0' => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    public static string Js(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            var v = rune.Value;
            switch (v)
            {
                case '\\': sb.Append(@"\\"); continue;
                case '\'': sb.Append(@"\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append(@"\u003C"); continue;
                case '>': sb.Append(@"\u003E"); continue;
                case '&': sb.Append(@"\u0026"); continue;
                case '=': sb.Append(@"\u003D"); continue;
            }
            if (v < ' ' || (v >= 0x80 && !Vigil.Model.GoString.IsPrint(rune)))
            {
                sb.Append(@"\u").Append(v.ToString("X4", CultureInfo.InvariantCulture));
                continue;
            }
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>url.QueryEscape</c>: space becomes '+', unreserved bytes stay, the rest is %XX.</summary>
    public static string QueryEscape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>url.PathEscape</c>-style escaping is not needed; <c>url.QueryUnescape</c> is.</summary>
    public static string QueryUnescape(string s)
    {
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
                {
                    var bad = s.Substring(i, Math.Min(3, s.Length - i));
                    throw new FormatException($"invalid URL escape {Vigil.Model.GoString.Quote(bad)}");
                }
                bytes.Add(byte.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
