using Vigil.Tsdb.Tombstones;

namespace Vigil.Tsdb.Tests.Tombstones;

public sealed class IntervalsTests
{
    [Theory]
    [InlineData("", 5, 10, "5-10")]
    [InlineData("5-10", 20, 30, "5-10,20-30")]
    [InlineData("20-30", 5, 10, "5-10,20-30")]
    [InlineData("5-10", 8, 12, "5-12")]
    [InlineData("5-10", 11, 12, "5-12")]
    [InlineData("5-10,20-30", 9, 21, "5-30")]
    [InlineData("5-10,20-30,40-50", 0, 100, "0-100")]
    [InlineData("5-10", 6, 7, "5-10")]
    public void Add_Table_KeepsSortedDisjointNonTouchingIntervals(string existing, long min, long max, string expected)
    {
        var result = Intervals.Add(Parse(existing), new Interval(min, max));

        Assert.Equal(expected, string.Join(",", result.Select(i => $"{i.MinTime}-{i.MaxTime}")));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(10, true)]
    [InlineData(15, false)]
    [InlineData(20, true)]
    [InlineData(31, false)]
    public void Contains_Table_IsInclusiveAtBothEnds(long t, bool expected) =>
        Assert.Equal(expected, Intervals.Contains(Parse("5-10,20-30"), t));

    [Theory]
    [InlineData(5, 10, true)]
    [InlineData(6, 9, true)]
    [InlineData(5, 11, false)]
    [InlineData(9, 21, false)]
    public void Covers_Table_NeedsOneIntervalSpanningTheRange(long min, long max, bool expected) =>
        Assert.Equal(expected, Intervals.Covers(Parse("5-10,20-30"), min, max));

    [Theory]
    [InlineData(long.MinValue, long.MaxValue, 100, 200, 100L, 200L)]
    [InlineData(150, 400, 100, 200, 150L, 200L)]
    [InlineData(0, 99, 100, 200, null, null)]
    [InlineData(201, 300, 100, 200, null, null)]
    public void Clamp_Table_LimitsToTheSeriesSpan(long min, long max, long seriesMin, long seriesMax, long? from, long? to)
    {
        var clamped = Intervals.Clamp(min, max, seriesMin, seriesMax);

        Assert.Equal(from is null ? null : new Interval(from.Value, to!.Value), clamped);
    }

    [Fact]
    public void Add_AtTheEndOfTime_DoesNotOverflow()
    {
        var result = Intervals.Add([new Interval(0, long.MaxValue)], new Interval(long.MinValue, 0));

        Assert.Equal([new Interval(long.MinValue, long.MaxValue)], result);
    }

    private static Interval[] Parse(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => p.Split('-')).Select(p => new Interval(long.Parse(p[0]), long.Parse(p[1]))).ToArray();
}
