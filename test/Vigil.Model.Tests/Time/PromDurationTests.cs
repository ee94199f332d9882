using Vigil.Model.Time;

namespace Vigil.Model.Tests.Time;

public sealed class PromDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("100ms", 100)]
    [InlineData("1m500ms", 60_500)]
    public void Parse_Valid_GivesMilliseconds(string text, long ms)
    {
        Assert.Equal(ms, (long)PromDuration.Parse(text).TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1m1h")]
    [InlineData("5mm")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    public void Parse_Invalid_Throws(string text)
    {
        Assert.Throws<FormatException>(() => PromDuration.Parse(text));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(300_000, "5m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(7_776_000_000, "90d")]
    [InlineData(1_209_600_000, "2w")]
    [InlineData(14_400_000, "4h")]
    public void Format_GivesPrometheusForm(long ms, string expected)
    {
        Assert.Equal(expected, PromDuration.Format(TimeSpan.FromMilliseconds(ms)));
    }
}
