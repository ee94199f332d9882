using System.Text;

namespace Vigil.Scrape.Parsing;

/// <summary>Renders raw payload bytes for error messages: quoted, escaped, and bounded in length.</summary>
internal static class ByteQuote
{
    /// <summary>Characters of output: enough to recognise the series, few enough that a 10 MB line cannot bloat a log or API response.</summary>
    public const int MaxShown = 160;

    /// <summary>
    /// Quotes <paramref name="bytes"/>: printable ASCII as is, common controls as <c>\n \r \t</c>, anything
    /// else (including invalid UTF-8) as <c>\xNN</c>; output past <see cref="MaxShown"/> characters is cut with "...".
    /// </summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(Math.Min(bytes.Length, MaxShown) + 8);
        sb.Append('"');
        var shown = 0;
        while (shown < bytes.Length && sb.Length <= MaxShown)
        {
            Append(sb, bytes[shown++]);
        }
        sb.Append('"');
        return shown < bytes.Length ? sb.Append("...").ToString() : sb.ToString();
    }

    private static void Append(StringBuilder sb, byte b)
    {
        switch (b)
        {
            case (byte)'"':
                sb.Append("\\\"");
                break;
            case (byte)'\\':
                sb.Append("\\\\");
                break;
            case (byte)'\n':
                sb.Append("\\n");
                break;
            case (byte)'\r':
                sb.Append("\\r");
                break;
            case (byte)'\t':
                sb.Append("\\t");
                break;
            case >= 0x20 and < 0x7f:
                sb.Append((char)b);
                break;
            default:
                sb.Append("\\x").Append(b.ToString("x2"));
                break;
        }
    }
}
