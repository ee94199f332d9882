using System.Globalization;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Parses the range forms of time intervals: <c>monday:friday</c>, <c>1:5</c>, <c>-3:-1</c>, <c>january:march</c>, <c>HH:MM</c>.</summary>
internal static class TimeRangeParser
{
    private static readonly string[] Days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static string Example(string key) => key switch
    {
        "weekdays" => "e.g. weekdays: ['monday:friday', 'saturday']",
        "days_of_month" => "e.g. days_of_month: ['1:5', '-3:-1'] (negative counts from the month's end)",
        "months" => "e.g. months: ['january:march', '12']",
        _ => "e.g. years: ['2025:2027']",
    };

    public static (IntRange?, string?) Weekday(string text) => Parse(text, Day, (b, e) =>
        b > e ? "start day cannot be after end day" : null);

    public static (IntRange?, string?) DayOfMonth(string text) => Parse(text, Number, (b, e) =>
    {
        if (b == 0 || b < -31 || b > 31)
        {
            return $"{b} is not a valid day of the month: out of range";
        }
        if (e == 0 || e < -31 || e > 31)
        {
            return $"{e} is not a valid day of the month: out of range";
        }
        if (b < 0 && e > 0)
        {
            return "end day must be negative if start day is negative";
        }
        // Compare as in a 28-day month, as upstream does, so 1:-1 is accepted but -1:1 is not.
        var cb = b < 0 ? 28 + b : b;
        var ce = e < 0 ? 28 + e : e;
        return cb > ce ? $"end day {e} is always before start day {b}" : null;
    });

    public static (IntRange?, string?) Month(string text) => Parse(text, MonthNumber, (b, e) =>
        b < 1 || e > 12 ? $"{text} is not a valid month: out of range" : b > e ? $"end month {MonthNames[e - 1]} is before start month {MonthNames[b - 1]}" : null);

    public static (IntRange?, string?) Year(string text) => Parse(text, Number, (b, e) =>
        b > e ? $"end year {e} is before start year {b}" : null);

    /// <summary>Minutes since midnight for <c>HH:MM</c> (00:00 to 24:00).</summary>
    public static int? Minutes(string text, out string? error)
    {
        error = null;
        var ok = text.Length == 5 && text[2] == ':'
            && int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && ((h < 24 && m < 60) || (h == 24 && m == 0));
        if (!ok)
        {
            error = $"invalid time {Vigil.Model.GoString.Quote(text)}";
            return null;
        }
        return (int.Parse(text.AsSpan(0, 2), CultureInfo.InvariantCulture) * 60) + int.Parse(text.AsSpan(3, 2), CultureInfo.InvariantCulture);
    }

    private static (IntRange?, string?) Parse(string text, Func<string, int?> member, Func<int, int, string?> check)
    {
        var lower = text.Trim().ToLowerInvariant();
        // A leading '-' is a negative day, so split on ':' only.
        var parts = lower.Split(':');
        if (parts.Length > 2)
        {
            return (null, $"couldn't parse range {Vigil.Model.GoString.Quote(text)}, invalid format");
        }
        var b = member(parts[0]);
        var e = parts.Length == 2 ? member(parts[1]) : b;
        if (b is null || e is null)
        {
            return (null, $"{Vigil.Model.GoString.Quote(text)} is not a valid value here");
        }
        var error = check(b.Value, e.Value);
        return error is null ? (new IntRange(b.Value, e.Value), null) : (null, error);
    }

    private static int? Day(string s)
    {
        var i = Array.IndexOf(Days, s);
        return i >= 0 ? i : null;
    }

    private static int? MonthNumber(string s)
    {
        var i = Array.IndexOf(MonthNames, s);
        return i >= 0 ? i + 1 : Number(s);
    }

    private static int? Number(string s) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
