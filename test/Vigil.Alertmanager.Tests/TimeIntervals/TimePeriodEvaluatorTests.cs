using System.Globalization;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.TimeIntervals;

namespace Vigil.Alertmanager.Tests.TimeIntervals;

public sealed class TimePeriodEvaluatorTests
{
    // Columns: scenario, period in a compact form (field=begin:end;...; "loc=Zone"), instant (UTC), expected.
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "empty period matches anything", "", "2026-03-02T10:00Z", true },
        { "time start is inclusive", "times=540:1020", "2026-03-02T09:00Z", true },
        { "time before start", "times=540:1020", "2026-03-02T08:59Z", false },
        { "time last minute", "times=540:1020", "2026-03-02T16:59Z", true },
        { "time end is exclusive", "times=540:1020", "2026-03-02T17:00Z", false },
        { "second of two time ranges", "times=0:60,1380:1440", "2026-03-02T23:30Z", true },
        { "weekday Monday in Mon-Fri", "weekdays=1:5", "2026-03-02T10:00Z", true },
        { "Sunday is 0", "weekdays=0:0", "2026-03-01T10:00Z", true },
        { "Saturday not in Mon-Fri", "weekdays=1:5", "2026-03-07T10:00Z", false },
        { "day of month in range", "days=1:5", "2026-03-05T10:00Z", true },
        { "day of month after range", "days=1:5", "2026-03-06T10:00Z", false },
        { "last day of 31-day month", "days=-1:-1", "2026-03-31T10:00Z", true },
        { "day before last", "days=-1:-1", "2026-03-30T10:00Z", false },
        { "last day of 30-day month", "days=-1:-1", "2026-04-30T10:00Z", true },
        { "last day of February", "days=-1:-1", "2026-02-28T10:00Z", true },
        { "last day of leap February", "days=-1:-1", "2024-02-29T10:00Z", true },
        { "28th of leap February is not last", "days=-1:-1", "2024-02-28T10:00Z", false },
        { "last three days, first of them", "days=-3:-1", "2026-03-29T10:00Z", true },
        { "last three days, before", "days=-3:-1", "2026-03-28T10:00Z", false },
        { "from 25th to month end", "days=25:-1", "2026-04-30T10:00Z", true },
        { "31st in a 30-day month never matches", "days=31:31", "2026-04-30T10:00Z", false },
        { "whole month", "days=1:-1", "2026-02-14T10:00Z", true },
        { "negative beyond month length clamps", "days=-40:3", "2026-04-02T10:00Z", true },
        { "month in range", "months=1:3", "2026-03-02T10:00Z", true },
        { "month out of range", "months=1:3", "2026-04-02T10:00Z", false },
        { "year in range", "years=2025:2026", "2026-03-02T10:00Z", true },
        { "year out of range", "years=2027:2030", "2026-03-02T10:00Z", false },
        { "christmas", "months=12:12;days=24:26", "2026-12-25T10:00Z", true },
        { "all fields must match", "weekdays=1:5;times=540:1020", "2026-03-02T18:00Z", false },
        { "Berlin office hours (UTC+1)", "times=540:1020;loc=Europe/Berlin", "2026-03-02T08:30Z", true },
        { "Berlin after hours", "times=540:1020;loc=Europe/Berlin", "2026-03-02T16:30Z", false },
        { "Sydney is already Monday", "weekdays=1:1;loc=Australia/Sydney", "2026-03-01T20:00Z", true },
        { "Kiritimati already in April", "days=-1:-1;loc=Pacific/Kiritimati", "2026-03-31T10:00Z", false },
        { "Kiritimati last day of March", "days=-1:-1;loc=Pacific/Kiritimati", "2026-03-30T10:00Z", true },
        { "New York skipped hour (02:xx) never happens", "times=120:180;loc=America/New_York", "2026-03-08T07:30Z", false },
        { "New York 03:00 EDT right after the jump", "times=180:240;loc=America/New_York", "2026-03-08T07:00Z", true },
        { "New York 01:59 EST right before the jump", "times=60:120;loc=America/New_York", "2026-03-08T06:59Z", true },
        { "New York repeated hour, first pass (EDT)", "times=60:120;loc=America/New_York", "2026-11-01T05:30Z", true },
        { "New York repeated hour, second pass (EST)", "times=60:120;loc=America/New_York", "2026-11-01T06:30Z", true },
        { "New York last day of a spring-forward month", "days=-1:-1;loc=America/New_York", "2026-03-31T12:00Z", true },
        { "New York 30th of a spring-forward month", "days=-1:-1;loc=America/New_York", "2026-03-30T12:00Z", false },
        { "New York: UTC midnight is still the previous day", "days=-1:-1;loc=America/New_York", "2026-04-01T02:00Z", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Contains_Table_MatchesExpectation(string scenario, string period, string instant, bool expected)
    {
        var parsed = Parse(period);
        var zone = parsed.Location == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(parsed.Location);
        var at = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

        Assert.True(expected == TimePeriodEvaluator.Contains(parsed, zone, at), scenario);
    }

    internal static TimePeriod Parse(string spec)
    {
        var period = new TimePeriod();
        foreach (var field in spec.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (field.Split('=')[0], field.Split('=')[1]);
            period = name switch
            {
                "times" => period with { Times = Ranges(value) },
                "weekdays" => period with { Weekdays = Ranges(value) },
                "days" => period with { DaysOfMonth = Ranges(value) },
                "months" => period with { Months = Ranges(value) },
                "years" => period with { Years = Ranges(value) },
                "loc" => period with { Location = value },
                _ => throw new ArgumentException(name),
            };
        }

        return period;
    }

    private static IReadOnlyList<IntRange> Ranges(string value) =>
    [
        .. value.Split(',').Select(r => r.Split(':')).Select(p => new IntRange(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture))),
    ];
}
