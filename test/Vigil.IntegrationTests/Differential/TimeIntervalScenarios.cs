using System.Globalization;
using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>mute_time_intervals and active_time_intervals on routes, with <c>time_intervals</c> that are
/// certainly active (or certainly inactive) whenever the test runs: computed from the current time in their
/// <c>location</c>, with a day of margin either side so a midnight during the run changes nothing.</summary>
public static class TimeIntervalScenarios
{
    public static Scenario MuteAndActive { get; } = new()
    {
        Name = "time-intervals",
        Config = $$"""
            route:
              receiver: hook
              group_by: [alertname]
            {{ScenarioKit.Timers}}
              routes:
              - matchers: [case="muted"]
                receiver: muted
                mute_time_intervals: [now-in-tokyo]
              - matchers: [case="not-muted"]
                receiver: not-muted
                mute_time_intervals: [not-now]
              - matchers: [case="active"]
                receiver: active
                active_time_intervals: [now-in-tokyo]
              - matchers: [case="inactive"]
                receiver: inactive
                active_time_intervals: [not-now]
            time_intervals:
            {{ActiveNow(DateTimeOffset.UtcNow)}}
            {{InactiveNow(DateTimeOffset.UtcNow)}}
            receivers:
            {{Hook("hook")}}
            {{Hook("muted")}}
            {{Hook("not-muted")}}
            {{Hook("active")}}
            {{Hook("inactive")}}
            """,
        Posts =
        [
            Fire(0,
                L("alertname=T", "case=muted"),
                L("alertname=T", "case=not-muted"),
                L("alertname=T", "case=active"),
                L("alertname=T", "case=inactive")),
        ],
        ObserveFor = TimeSpan.FromSeconds(2.5),
        ExpectedRequests = 2,
    };

    public static IEnumerable<Scenario> All => [MuteAndActive];

    /// <summary>Today and tomorrow in Tokyo, by weekday, by day of month counted from the month's end (negative
    /// days) with the first days of next month, by month name, by year, all day long.</summary>
    private static string ActiveNow(DateTimeOffset now)
    {
        var tokyo = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var tomorrow = tokyo.AddDays(1);
        var fromEnd = DateTime.DaysInMonth(tokyo.Year, tokyo.Month) - tokyo.Day + 1;
        return $"""
            - name: now-in-tokyo
              time_intervals:
              - times: [{"{"}start_time: '00:00', end_time: '24:00'{"}"}]
                weekdays: [{Weekday(tokyo)}, {Weekday(tomorrow)}]
                days_of_month: ['-{fromEnd}:-1', '1:2']
                months: [{Month(tokyo)}, {Month(tomorrow)}]
                years: ['{tokyo.Year}:{tomorrow.Year}']
                location: Asia/Tokyo
            """;
    }

    /// <summary>Years long past (anywhere), or the four weekdays in New York that are not yesterday, today or tomorrow there.</summary>
    private static string InactiveNow(DateTimeOffset now)
    {
        var newYork = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var otherDays = Enumerable.Range(2, 4).Select(d => Weekday(newYork.AddDays(d)));
        return $"""
            - name: not-now
              time_intervals:
              - years: ['{now.Year - 5}:{now.Year - 3}']
              - weekdays: [{string.Join(", ", otherDays)}]
                location: America/New_York
            """;
    }

    private static string Weekday(DateTimeOffset day) => day.DayOfWeek.ToString().ToLowerInvariant();

    private static string Month(DateTimeOffset day) =>
        CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(day.Month).ToLowerInvariant();
}
