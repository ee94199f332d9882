using Vigil.Templating.Formatting;

namespace Vigil.Templating.Tests;

public sealed class GoTimeFormatTests
{
    private static readonly DateTimeOffset Sample = new DateTimeOffset(2006, 1, 2, 15, 4, 5, TimeSpan.FromHours(-7)).AddTicks(1234567);

    [Theory]
    [InlineData("2006-01-02 15:04:05", "2006-01-02 15:04:05")]
    [InlineData("Jan _2 3:04PM", "Jan  2 3:04PM")]
    [InlineData("Monday, January 2, 2006", "Monday, January 2, 2006")]
    [InlineData("Mon Jan 2 15:04:05 MST 2006", "Mon Jan 2 15:04:05 -0700 2006")]
    [InlineData("2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05-07:00")]
    [InlineData("15:04:05.000", "15:04:05.123")]
    [InlineData("15:04:05.999999999", "15:04:05.1234567")]
    [InlineData("15:04:05.000000", "15:04:05.123456")]
    [InlineData("06/1/2 3pm -0700 -07", "06/1/2 3pm -0700 -07")]
    [InlineData("002 __2", "002   2")]
    public void Format_Layouts_MatchGo(string layout, string expected)
    {
        Assert.Equal(expected, GoTimeFormat.Format(Sample, layout));
    }

    [Fact]
    public void ToGoString_Utc_PrintsUtcZone()
    {
        Assert.Equal("2024-01-02 03:04:05 +0000 UTC", GoTimeFormat.ToGoString(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2006-01-02", "2024-03-04", "2024-03-04 00:00:00 +0000 UTC")]
    [InlineData("2006-01-02T15:04:05Z07:00", "2024-03-04T05:06:07+02:00", "2024-03-04 05:06:07 +0200 +0200")]
    [InlineData("2006-01-02 15:04:05", "2024-03-04 05:06:07.5", "2024-03-04 05:06:07.5 +0000 UTC")]
    [InlineData("Jan 2 2006 3:04PM", "Mar 4 2024 5:06PM", "2024-03-04 17:06:00 +0000 UTC")]
    public void Parse_Layouts_MatchGo(string layout, string value, string expected)
    {
        Assert.Equal(expected, GoTimeFormat.ToGoString(GoTimeParse.Parse(layout, value)));
    }

    [Fact]
    public void Parse_Mismatch_ThrowsGoMessage()
    {
        var e = Assert.Throws<FormatException>(() => GoTimeParse.Parse("2006-01-02", "2024/03/04"));
        Assert.Equal("parsing time \"2024/03/04\" as \"2006-01-02\": cannot parse \"/03/04\" as \"-\"", e.Message);
    }
}
