using Vigil.Alertmanager.Silences;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Silences.SilenceTestKit;

namespace Vigil.Alertmanager.Tests.Silences;

public sealed class SilenceValidationTests
{
    [Theory]
    [InlineData("{a=\"b\"}", 0, 60, null)]
    [InlineData("{a=\"\"}", 0, 60, "at least one matcher must not match the empty string")]
    [InlineData("{a=~\".*\",b!=\"x\"}", 0, 60, "at least one matcher must not match the empty string")]
    [InlineData("{a!=\"\"}", 0, 60, null)]
    [InlineData("{\"foo.bar 🙂\"=\"x\"}", 0, 60, null)]
    [InlineData("{a=\"b\"}", 60, 0, "end time must not be before start time")]
    [InlineData("{a=\"b\"}", 5, 5, null)]
    public void Validate_Table_ReportsUpstreamMessage(string matchers, double start, double end, string? expected)
    {
        Assert.Equal(expected, SilenceValidation.Validate(S(matchers, start, end)));
    }

    [Fact]
    public void Validate_NoMatchers_Rejected()
    {
        Assert.Equal("at least one matcher required", SilenceValidation.Validate(S("{a=\"b\"}") with { Matchers = [] }));
    }

    [Theory]
    [InlineData(0, 60, 0, null)]
    [InlineData(5, 5, 0, "start time must be before end time")]
    [InlineData(-60, -30, 0, "end time can't be in the past")]
    public void ValidateForCreate_Table_ReportsApiMessage(double start, double end, double now, string? expected)
    {
        Assert.Equal(expected, SilenceValidation.ValidateForCreate(S("{a=\"b\"}", start, end), Epoch.AddMinutes(now)));
    }

    [Theory]
    [InlineData(MatcherType.Regexp, "a", "(", "invalid regular expression \"(\"")]
    [InlineData(MatcherType.Equal, "", "x", "invalid label name \"\"")]
    public void TryCreateMatcher_Bad_SaysWhy(MatcherType type, string name, string value, string expectedPrefix)
    {
        Assert.False(SilenceValidation.TryCreateMatcher(type, name, value, out _, out var error));
        Assert.StartsWith(expectedPrefix, error);
    }
}
