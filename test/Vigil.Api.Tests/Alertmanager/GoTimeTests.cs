using Vigil.Api.Alertmanager;

namespace Vigil.Api.Tests.Alertmanager;

public sealed class GoTimeTests
{
    [Theory]
    [InlineData("2026-11-23T20:00:00.123456789+01:00", "2026-11-23T20:00:00.123+01:00")]
    [InlineData("2026-11-23T20:00:00Z", "2026-11-23T20:00:00.000Z")]
    [InlineData("2026-11-23T20:00:00.9999Z", "2026-11-23T20:00:00.999Z")]
    [InlineData("2026-11-23T20:00:00-05:30", "2026-11-23T20:00:00.000-05:30")]
    public void Format_LikeStrfmtDateTime(string input, string expected) =>
        Assert.Equal(expected, GoTime.Format(DateTimeOffset.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));
}
