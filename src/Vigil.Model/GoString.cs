using System.Globalization;
using System.Text;

namespace Vigil.Model;

/// <summary>Go's string quoting (<c>strconv.Quote</c>), which Prometheus and Alertmanager use when they print labels and matchers.</summary>
public static class GoString
{
    /// <summary>Quotes <paramref name="value"/> with double quotes and Go escapes.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        AppendEscaped(sb, value, '"');
        return sb.Append('"').ToString();
    }

    /// <summary>Appends <paramref name="value"/> escaped as inside a Go string literal delimited by <paramref name="quote"/>.</summary>
    public static void AppendEscaped(StringBuilder sb, string value, char quote)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            AppendRune(sb, rune, quote);
        }
    }

    private static void AppendRune(StringBuilder sb, Rune rune, char quote)
    {
        var v = rune.Value;
        if (v == quote || v == '\\')
        {
            sb.Append('\\').Append((char)v);
            return;
        }
        if (IsPrint(rune))
        {
            sb.Append(rune.ToString());
            return;
        }
        switch (v)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (v < ' ' || v == 0x7f)
        {
            sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (v < 0x10000)
        {
            sb.Append("\\u").Append(v.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(v.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>
    /// Reads a Go string literal starting at <paramref name="text"/>[<paramref name="start"/>]: double-quoted
    /// with escapes, single-quoted (PromQL) or back-quoted (raw). Returns false with a reason when malformed.
    /// </summary>
    public static bool TryUnquote(string text, int start, out string value, out int end, out string error)
    {
        value = "";
        end = start;
        error = "";
        var quote = text[start];
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '\\' || quote == '`')
            {
                FlushBytes(sb, bytes);
            }
            if (c == quote)
            {
                value = sb.ToString();
                end = i + 1;
                return true;
            }
            if (c == '\\' && quote != '`')
            {
                if (!TryEscape(text, ref i, sb, bytes, out error))
                {
                    return false;
                }
                continue;
            }
            if (c == '\n' && quote != '`')
            {
                error = "unterminated quoted string (newline in string)";
                return false;
            }
            sb.Append(c);
            i++;
        }
        error = "unterminated quoted string";
        return false;
    }

    // Go's \x and octal escapes are bytes, not characters: a run of them is decoded as UTF-8 once complete
    // ("\xc3\xa9" is one character), and bytes that are not valid UTF-8 become U+FFFD, so code that must
    // reject invalid UTF-8 (label names) can tell.
    private static void FlushBytes(StringBuilder sb, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    private static bool TryEscape(string text, ref int i, StringBuilder sb, List<byte> bytes, out string error)
    {
        error = "";
        if (i + 1 >= text.Length)
        {
            error = "unterminated escape sequence";
            return false;
        }
        var e = text[i + 1];
        i += 2;
        if (e is 'x' or (>= '0' and <= '7'))
        {
            return e == 'x' ? TryHexByte(text, ref i, bytes, out error) : TryOctal(text, ref i, e, bytes, out error);
        }
        FlushBytes(sb, bytes);
        switch (e)
        {
            case 'a': sb.Append('\a'); return true;
            case 'b': sb.Append('\b'); return true;
            case 'f': sb.Append('\f'); return true;
            case 'n': sb.Append('\n'); return true;
            case 'r': sb.Append('\r'); return true;
            case 't': sb.Append('\t'); return true;
            case 'v': sb.Append('\v'); return true;
            case '\\' or '"' or '\'' or '`': sb.Append(e); return true;
            case 'u': return TryHex(text, ref i, 4, sb, out error);
            case 'U': return TryHex(text, ref i, 8, sb, out error);
            default:
                error = $"unknown escape sequence \\{e}";
                return false;
        }
    }

    private static bool TryHexByte(string text, ref int i, List<byte> bytes, out string error)
    {
        error = "";
        if (i + 2 > text.Length || !byte.TryParse(text.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
        {
            error = "invalid hex escape sequence";
            return false;
        }
        i += 2;
        bytes.Add(v);
        return true;
    }

    private static bool TryHex(string text, ref int i, int digits, StringBuilder sb, out string error)
    {
        error = "";
        if (i + digits > text.Length || !int.TryParse(text.AsSpan(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
        {
            error = "invalid hex escape sequence";
            return false;
        }
        i += digits;
        if (Rune.IsValid(v))
        {
            sb.Append(new Rune(v).ToString());
        }
        else
        {
            error = "invalid unicode escape sequence";
            return false;
        }
        return true;
    }

    private static bool TryOctal(string text, ref int i, char first, List<byte> bytes, out string error)
    {
        error = "";
        if (i + 2 > text.Length)
        {
            error = "invalid octal escape sequence";
            return false;
        }
        var digits = first.ToString() + text.Substring(i, 2);
        if (digits.Any(d => d is < '0' or > '7'))
        {
            error = "invalid octal escape sequence";
            return false;
        }
        var v = Convert.ToInt32(digits, 8);
        if (v > 255)
        {
            error = "octal escape value > 255";
            return false;
        }
        bytes.Add((byte)v);
        i += 2;
        return true;
    }
}
