using Vigil.Cli;
using Vigil.PrometheusHost;

namespace Vigil.Api.Tests.Cli;

/// <summary>The <c>--rules.alert.*</c> flags of <c>vigil prometheus</c> reach the settings the rule groups run with.</summary>
public sealed class PrometheusAlertFlagsTests
{
    private static PrometheusSettings From(params string[] args) =>
        PrometheusSettings.From(new FlagParser(PrometheusFlags.All).Parse(args));

    [Fact]
    public void From_NoFlags_UpstreamDefaults()
    {
        var flags = From().AlertFlags;

        Assert.Equal(TimeSpan.FromMinutes(1), flags.ResendDelay);
        Assert.Equal(TimeSpan.FromHours(1), flags.ForOutageTolerance);
        Assert.Equal(TimeSpan.FromMinutes(10), flags.ForGracePeriod);
    }

    [Theory]
    [InlineData("--rules.alert.resend-delay=15s", "resend", 15)]
    [InlineData("--rules.alert.for-outage-tolerance=2h", "tolerance", 7200)]
    [InlineData("--rules.alert.for-grace-period=90s", "grace", 90)]
    public void From_AlertFlag_Applied(string arg, string which, int seconds)
    {
        var flags = From(arg).AlertFlags;

        var actual = which switch
        {
            "resend" => flags.ResendDelay,
            "tolerance" => flags.ForOutageTolerance,
            _ => flags.ForGracePeriod,
        };
        Assert.Equal(TimeSpan.FromSeconds(seconds), actual);
    }
}
