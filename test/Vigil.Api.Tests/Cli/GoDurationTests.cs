using Vigil.Cli;

namespace Vigil.Api.Tests.Cli;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("30m", 1800)]
    [InlineData("120h", 432000)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("200ms", 0.2)]
    [InlineData("6h0m0s", 21600)]
    public void TryParse_GoSyntax_Parses(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1d")]
    [InlineData("m")]
    [InlineData("1h x")]
    public void TryParse_NotGo_Fails(string text) => Assert.False(GoDuration.TryParse(text, out _));
}
