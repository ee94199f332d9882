using System.Globalization;
using System.Text;

namespace Vigil.Templating.Formatting;

/// <summary>The elements of a Go time layout.</summary>
internal enum GoTimeToken
{
    None,
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    Zone,
    IsoZone,
    NumZone,
    FracZero,
    FracNine,
}

/// <summary>Writes one layout element of a time.</summary>
internal static class GoTimeWriter
{
    public static void Write(StringBuilder sb, DateTimeOffset t, GoTimeToken token, ReadOnlySpan<char> spelling, string? zoneName)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (token)
        {
            case GoTimeToken.LongMonth: sb.Append(inv.DateTimeFormat.GetMonthName(t.Month)); break;
            case GoTimeToken.Month: sb.Append(inv.DateTimeFormat.GetAbbreviatedMonthName(t.Month)); break;
            case GoTimeToken.NumMonth: sb.Append(t.Month); break;
            case GoTimeToken.ZeroMonth: sb.Append(GoTimeFormat.Two(t.Month)); break;
            case GoTimeToken.LongWeekDay: sb.Append(t.DayOfWeek.ToString()); break;
            case GoTimeToken.WeekDay: sb.Append(t.DayOfWeek.ToString()[..3]); break;
            case GoTimeToken.Day: sb.Append(t.Day); break;
            case GoTimeToken.UnderDay: sb.Append(t.Day < 10 ? " " : "").Append(t.Day); break;
            case GoTimeToken.ZeroDay: sb.Append(GoTimeFormat.Two(t.Day)); break;
            case GoTimeToken.UnderYearDay: sb.Append(t.DayOfYear.ToString(inv).PadLeft(3)); break;
            case GoTimeToken.ZeroYearDay: sb.Append(t.DayOfYear.ToString("000", inv)); break;
            case GoTimeToken.Hour: sb.Append(GoTimeFormat.Two(t.Hour)); break;
            case GoTimeToken.Hour12: sb.Append(Hour12(t.Hour)); break;
            case GoTimeToken.ZeroHour12: sb.Append(GoTimeFormat.Two(Hour12(t.Hour))); break;
            case GoTimeToken.Minute: sb.Append(t.Minute); break;
            case GoTimeToken.ZeroMinute: sb.Append(GoTimeFormat.Two(t.Minute)); break;
            case GoTimeToken.Second: sb.Append(t.Second); break;
            case GoTimeToken.ZeroSecond: sb.Append(GoTimeFormat.Two(t.Second)); break;
            case GoTimeToken.LongYear: sb.Append(t.Year.ToString("0000", inv)); break;
            case GoTimeToken.Year: sb.Append(GoTimeFormat.Two(t.Year % 100)); break;
            case GoTimeToken.PM: sb.Append(t.Hour >= 12 ? "PM" : "AM"); break;
            case GoTimeToken.Pm: sb.Append(t.Hour >= 12 ? "pm" : "am"); break;
            case GoTimeToken.Zone when zoneName is not null: sb.Append(zoneName); break;
            case GoTimeToken.Zone: WriteZoneName(sb, t.Offset); break;
            case GoTimeToken.IsoZone or GoTimeToken.NumZone: WriteOffset(sb, t.Offset, token == GoTimeToken.IsoZone, spelling); break;
            case GoTimeToken.FracZero or GoTimeToken.FracNine: WriteFraction(sb, t, token == GoTimeToken.FracNine, spelling); break;
        }
    }

    private static int Hour12(int hour) => hour % 12 == 0 ? 12 : hour % 12;

    private static void WriteZoneName(StringBuilder sb, TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            sb.Append("UTC");
            return;
        }
        // Go prints -0700 when no abbreviation is known.
        AppendSigned(sb, offset);
        sb.Append(GoTimeFormat.Two(Math.Abs(offset.Minutes)));
    }

    private static void WriteOffset(StringBuilder sb, TimeSpan offset, bool iso, ReadOnlySpan<char> spelling)
    {
        if (iso && offset == TimeSpan.Zero)
        {
            sb.Append('Z');
            return;
        }
        var form = spelling[1..];
        AppendSigned(sb, offset);
        var colon = form.Contains(':');
        var digits = form.Length - (colon ? form.Count(':') : 0);
        if (digits >= 4)
        {
            sb.Append(colon ? ":" : "").Append(GoTimeFormat.Two(Math.Abs(offset.Minutes)));
        }
        if (digits >= 6)
        {
            sb.Append(colon ? ":" : "").Append(GoTimeFormat.Two(Math.Abs(offset.Seconds)));
        }
    }

    private static void AppendSigned(StringBuilder sb, TimeSpan offset)
    {
        sb.Append(offset < TimeSpan.Zero ? '-' : '+').Append(GoTimeFormat.Two(Math.Abs(offset.Hours)));
    }

    private static void WriteFraction(StringBuilder sb, DateTimeOffset t, bool trim, ReadOnlySpan<char> spelling)
    {
        var nanos = (t.Ticks % TimeSpan.TicksPerSecond) * 100;
        var digits = nanos.ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(spelling.Length - 1, 9)];
        if (trim)
        {
            digits = digits.TrimEnd('0');
            if (digits.Length == 0)
            {
                return;
            }
        }
        sb.Append(spelling[0]).Append(digits);
    }
}
