using System.Globalization;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.TimeIntervals;

namespace Vigil.Alertmanager.Tests.TimeIntervals;

public sealed class TimeIntervalSetTests
{
    private static readonly TimeIntervalSet Set = new(
    [
        Interval("business-hours", "weekdays=1:5;times=540:1020;loc=Europe/Berlin"),
        Interval("weekends", "weekdays=6:6", "weekdays=0:0"),
        Interval("march", "months=3:3"),
    ]);

    [Theory]
    [InlineData("business-hours", "2026-03-02T08:30Z", true)]
    [InlineData("business-hours", "2026-03-07T10:00Z", false)]
    [InlineData("weekends", "2026-03-07T10:00Z", true)]
    [InlineData("weekends", "2026-03-08T10:00Z", true)]
    [InlineData("weekends", "2026-03-09T10:00Z", false)]
    public void Contains_AnyPeriodOfTheInterval_Matches(string name, string instant, bool expected) =>
        Assert.Equal(expected, Set.Contains(name, At(instant)));

    [Fact]
    public void Matching_PreservesRequestOrderWithoutDuplicates() =>
        Assert.Equal(["march", "weekends"], Set.Matching(["march", "weekends", "business-hours", "march"], At("2026-03-07T10:00Z")));

    [Fact]
    public void Contains_UnknownName_Throws()
    {
        var e = Assert.Throws<UnknownTimeIntervalException>(() => Set.Contains("holidays", At("2026-03-02T10:00Z")));
        Assert.Equal("holidays", e.Name);
    }

    [Fact]
    public void Constructor_UnknownLocation_ThrowsNamingIntervalAndZone()
    {
        var e = Assert.Throws<ArgumentException>(() => new TimeIntervalSet([Interval("x", "loc=Mars/Olympus_Mons")]));
        Assert.Contains("\"x\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_ListsEveryInterval() =>
        Assert.Equal(["business-hours", "march", "weekends"], Set.Names.Order(StringComparer.Ordinal));

    private static TimeIntervalConfig Interval(string name, params string[] periods) =>
        new() { Name = name, Periods = [.. periods.Select(TimePeriodEvaluatorTests.Parse)] };

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
}
