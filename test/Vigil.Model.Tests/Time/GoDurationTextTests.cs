using Vigil.Model.Time;

namespace Vigil.Model.Tests.Time;

public sealed class GoDurationTextTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(15_000_0000L, "15s")]
    [InlineData(60_000_0000L, "1m0s")]
    [InlineData(90_000_0000L, "1m30s")]
    [InlineData(36_000_000_000L, "1h0m0s")]
    [InlineData(54_305_000_000L, "1h30m30.5s")]
    [InlineData(72_000_000_000L, "2h0m0s")]
    [InlineData(37_250_000_000L, "1h2m5s")]
    [InlineData(15_000_000L, "1.5s")]
    [InlineData(5_000_000L, "500ms")]
    [InlineData(15_000L, "1.5ms")]
    [InlineData(2_500L, "250µs")]
    [InlineData(1L, "100ns")]
    [InlineData(-15_000_000L, "-1.5s")]
    [InlineData(10_000_001L, "1.0000001s")]
    public void Format_Ticks_AsGoPrintsDurations(long ticks, string expected) =>
        Assert.Equal(expected, GoDurationText.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Format_TimeSpanMinValue_DoesNotOverflow() =>
        Assert.StartsWith("-", GoDurationText.Format(TimeSpan.MinValue), StringComparison.Ordinal);
}
