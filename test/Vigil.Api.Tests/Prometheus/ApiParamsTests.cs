using Vigil.Api.Prometheus;
using static Vigil.Api.Tests.Prometheus.ApiTestKit;

namespace Vigil.Api.Tests.Prometheus;

public sealed class ApiParamsTests
{
    [Theory]
    [InlineData("1435781451.781", 1435781451781)]
    [InlineData("1435781451", 1435781451000)]
    [InlineData("1.0006", 1001)]
    [InlineData("0.0015", 2)]
    [InlineData("-1.5", -1500)]
    [InlineData("1e3", 1000000)]
    [InlineData("2015-07-01T20:10:51.781Z", 1435781451781)]
    [InlineData("2015-07-01T20:10:51Z", 1435781451000)]
    [InlineData("2015-07-01T22:10:51.781+02:00", 1435781451781)]
    [InlineData("2015-07-01T20:10:51.781123456Z", 1435781451781)]
    [InlineData("-292273086-05-16T16:47:06Z", ApiParams.MinTime)]
    [InlineData("292277026596-12-04T15:30:07.999999999Z", ApiParams.MaxTime)]
    public void ParseTime_UnixOrRfc3339_Milliseconds(string text, long expected) =>
        Assert.Equal(expected, ApiParams.ParseTime(text));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2015-07-01")]
    public void ParseTime_Invalid_UpstreamMessage(string text)
    {
        var e = Assert.Throws<FormatException>(() => ApiParams.ParseTime(text));
        Assert.Equal($"cannot parse \"{text}\" to a valid timestamp", e.Message);
    }

    [Theory]
    [InlineData("15", 15_000)]
    [InlineData("0.5", 500)]
    [InlineData("1m", 60_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    public void ParseDuration_FloatSecondsOrPrometheusDuration_Parsed(string text, long ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), ApiParams.ParseDuration(text));

    [Theory]
    [InlineData("5 minutes", "cannot parse \"5 minutes\" to a valid duration")]
    [InlineData("1e300", "cannot parse \"1e300\" to a valid duration. It overflows int64")]
    public void ParseDuration_Invalid_UpstreamMessage(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => ApiParams.ParseDuration(text)).Message);

    [Theory]
    [InlineData("limit=-1", "invalid parameter \"limit\": limit must be non-negative")]
    [InlineData("limit=x", "invalid parameter \"limit\": strconv.Atoi: parsing \"x\": invalid syntax")]
    public void Limit_Invalid_BadData(string query, string message)
    {
        var e = Assert.Throws<ApiError>(() => ApiParams.Limit(Request(query)));
        Assert.Equal((ApiErrorType.BadData, message), (e.Type, e.Message));
    }

    [Theory]
    [InlineData("up", 1)]
    [InlineData("{job=\"a\",instance=~\"x.*\"}", 2)]
    public void MatcherSets_Selector_Matchers(string selector, int count) =>
        Assert.Equal(count, ApiParams.MatcherSets([selector])[0].Count);

    [Theory]
    [InlineData("{job=~\".*\"}", "match[] must contain at least one non-empty matcher")]
    [InlineData("rate(up[5m])", "1:1: parse error: \"rate(up[5m])\" is not a series selector (expected e.g. up{job=\"node\"})")]
    [InlineData("up{", "1:4: parse error: unexpected end of input")]
    public void MatcherSets_Invalid_BadDataMessage(string selector, string message)
    {
        var e = Assert.Throws<ApiError>(() => ApiParams.MatcherSets([selector]));
        Assert.Equal(ApiErrorType.BadData, e.Type);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
