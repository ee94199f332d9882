using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.TimeIntervals;

/// <summary>Decides whether an instant falls inside a <see cref="TimePeriod"/>.</summary>
public static class TimePeriodEvaluator
{
    /// <summary>
    /// Whether <paramref name="instant"/>, seen on the wall clock of <paramref name="zone"/>, matches
    /// every non-empty field of <paramref name="period"/>.
    /// </summary>
    public static bool Contains(TimePeriod period, TimeZoneInfo zone, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return MatchesTime(period.Times, local)
            && MatchesDayOfMonth(period.DaysOfMonth, local)
            && MatchesAny(period.Months, local.Month)
            && MatchesAny(period.Weekdays, (int)local.DayOfWeek)
            && MatchesAny(period.Years, local.Year);
    }

    private static bool MatchesTime(IReadOnlyList<IntRange> times, DateTimeOffset local)
    {
        // Time ranges are end-exclusive (09:00-17:00 ends before 17:00), unlike the other fields.
        var minute = (local.Hour * 60) + local.Minute;
        return times.Count == 0 || times.Any(r => minute >= r.Begin && minute < r.End);
    }

    private static bool MatchesAny(IReadOnlyList<IntRange> ranges, int value) =>
        ranges.Count == 0 || ranges.Any(r => value >= r.Begin && value <= r.End);

    private static bool MatchesDayOfMonth(IReadOnlyList<IntRange> ranges, DateTimeOffset local)
    {
        if (ranges.Count == 0)
        {
            return true;
        }

        // Calendar arithmetic, not elapsed hours, so a DST change inside the month cannot shorten it.
        var days = DateTime.DaysInMonth(local.Year, local.Month);
        return ranges.Any(r => DayInRange(r, local.Day, days));
    }

    private static bool DayInRange(IntRange range, int day, int daysInMonth)
    {
        var begin = Resolve(range.Begin, daysInMonth);
        var end = Resolve(range.End, daysInMonth);
        // A range starting past this month's end (e.g. 31 in April) never matches, rather than
        // being clamped onto the last day.
        if (begin > daysInMonth)
        {
            return false;
        }

        begin = Math.Clamp(begin, -daysInMonth, daysInMonth);
        end = Math.Clamp(end, -daysInMonth, daysInMonth);
        return day >= begin && day <= end;
    }

    // -1 is the month's last day, -2 the one before, ...
    private static int Resolve(int day, int daysInMonth) => day < 0 ? daysInMonth + day + 1 : day;
}
