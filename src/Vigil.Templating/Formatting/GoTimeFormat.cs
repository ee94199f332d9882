using System.Globalization;
using System.Text;

namespace Vigil.Templating.Formatting;

/// <summary>
/// Go's reference-time layouts (<c>time.Time.Format</c>): <c>2006-01-02 15:04:05.999999999 -0700 MST</c>.
/// A DateTimeOffset knows its offset but not a zone name, so <c>MST</c> prints <c>UTC</c> at offset
/// zero and the numeric offset otherwise, as Go does for zones without an abbreviation.
/// </summary>
public static class GoTimeFormat
{
    /// <summary>The layout Go's <c>time.Time.String</c> uses.</summary>
    public const string StringLayout = "2006-01-02 15:04:05.999999999 -0700 MST";

    /// <summary>Formats <paramref name="time"/> with a Go layout.</summary>
    public static string Format(DateTimeOffset time, string layout) => Format(time, layout, null);

    /// <summary>Formats with a Go layout; <paramref name="zoneName"/> (e.g. <c>CET</c>) is what <c>MST</c> prints, when known.</summary>
    public static string Format(DateTimeOffset time, string layout, string? zoneName)
    {
        var sb = new StringBuilder(layout.Length + 10);
        var i = 0;
        while (i < layout.Length)
        {
            var (token, length) = NextToken(layout, i);
            if (token == GoTimeToken.None)
            {
                sb.Append(layout[i]);
                i++;
                continue;
            }
            GoTimeWriter.Write(sb, time, token, layout.AsSpan(i, length), zoneName);
            i += length;
        }
        return sb.ToString();
    }

    /// <summary>Formats like Go's <c>time.Time.String()</c>.</summary>
    public static string ToGoString(DateTimeOffset time) => Format(time, StringLayout);

    /// <summary>Recognises the layout element at <paramref name="i"/>, following the precedence of Go's scanner.</summary>
    internal static (GoTimeToken Token, int Length) NextToken(string s, int i)
    {
        var rest = s.AsSpan(i);
        switch (s[i])
        {
            case 'J' when rest.StartsWith("January"): return (GoTimeToken.LongMonth, 7);
            case 'J' when rest.StartsWith("Jan") && !StartsWithLower(s, i + 3): return (GoTimeToken.Month, 3);
            case 'M' when rest.StartsWith("Monday"): return (GoTimeToken.LongWeekDay, 6);
            case 'M' when rest.StartsWith("Mon") && !StartsWithLower(s, i + 3): return (GoTimeToken.WeekDay, 3);
            case 'M' when rest.StartsWith("MST"): return (GoTimeToken.Zone, 3);
            case '0' when rest.Length >= 2 && rest[1] is >= '1' and <= '6':
                return (rest[1] switch
                {
                    '1' => GoTimeToken.ZeroMonth,
                    '2' => GoTimeToken.ZeroDay,
                    '3' => GoTimeToken.ZeroHour12,
                    '4' => GoTimeToken.ZeroMinute,
                    '5' => GoTimeToken.ZeroSecond,
                    _ => GoTimeToken.Year,
                }, 2);
            case '0' when rest.StartsWith("002"): return (GoTimeToken.ZeroYearDay, 3);
            case '1' when rest.StartsWith("15"): return (GoTimeToken.Hour, 2);
            case '1': return (GoTimeToken.NumMonth, 1);
            case '2' when rest.StartsWith("2006"): return (GoTimeToken.LongYear, 4);
            case '2': return (GoTimeToken.Day, 1);
            case '_' when rest.StartsWith("_2") && !rest.StartsWith("_2006"): return (GoTimeToken.UnderDay, 2);
            case '_' when rest.StartsWith("__2"): return (GoTimeToken.UnderYearDay, 3);
            case '3': return (GoTimeToken.Hour12, 1);
            case '4': return (GoTimeToken.Minute, 1);
            case '5': return (GoTimeToken.Second, 1);
            case 'P' when rest.StartsWith("PM"): return (GoTimeToken.PM, 2);
            case 'p' when rest.StartsWith("pm"): return (GoTimeToken.Pm, 2);
            case '-' or 'Z': return ZoneToken(rest);
            case '.' or ',': return FractionToken(s, i);
        }
        return (GoTimeToken.None, 1);
    }

    private static (GoTimeToken, int) ZoneToken(ReadOnlySpan<char> rest)
    {
        var iso = rest[0] == 'Z';
        ReadOnlySpan<string> forms = ["-07:00:00", "-070000", "-07:00", "-0700", "-07"];
        foreach (var form in forms)
        {
            if (rest.Length >= form.Length && rest[1..form.Length].SequenceEqual(form.AsSpan(1)))
            {
                return (iso ? GoTimeToken.IsoZone : GoTimeToken.NumZone, form.Length);
            }
        }
        return (GoTimeToken.None, 1);
    }

    private static (GoTimeToken, int) FractionToken(string s, int i)
    {
        if (i + 1 < s.Length && s[i + 1] is '0' or '9')
        {
            var ch = s[i + 1];
            var j = i + 1;
            while (j < s.Length && s[j] == ch)
            {
                j++;
            }
            if (!(j < s.Length && char.IsAsciiDigit(s[j])))
            {
                return (ch == '0' ? GoTimeToken.FracZero : GoTimeToken.FracNine, j - i);
            }
        }
        return (GoTimeToken.None, 1);
    }

    private static bool StartsWithLower(string s, int i) => i < s.Length && s[i] is >= 'a' and <= 'z';

    internal static string Two(int v) => v.ToString("00", CultureInfo.InvariantCulture);
}
