using Vigil.Model.Labels;

namespace Vigil.Model.Tests.Labels;

public sealed class MatcherParserTests
{
    [Theory]
    [InlineData("foo=bar", "foo", MatcherType.Equal, "bar")]
    [InlineData("foo=\"bar\"", "foo", MatcherType.Equal, "bar")]
    [InlineData("{foo!=\"bar\"}", "foo", MatcherType.NotEqual, "bar")]
    [InlineData("foo=~\"a.*\"", "foo", MatcherType.Regexp, "a.*")]
    [InlineData(" foo !~ \"x|y\" ", "foo", MatcherType.NotRegexp, "x|y")]
    [InlineData("\"service name\"=\"api\"", "service name", MatcherType.Equal, "api")]
    [InlineData("foo=\"a,b\"", "foo", MatcherType.Equal, "a,b")]
    public void Parse_ValidMatcher_ReadsParts(string input, string name, MatcherType type, string value)
    {
        var m = MatcherParser.Parse(input);
        Assert.Equal((name, type, value), (m.Name, m.Type, m.Value));
    }

    [Fact]
    public void ParseList_Several_ReadsAll()
    {
        var list = MatcherParser.ParseList("{severity=\"critical\", team=~\"ops|dev\"}");
        Assert.Equal(2, list.Count);
        Assert.True(list[1].Matches("ops"));
        Assert.False(list[1].Matches("opsx"));
    }

    [Theory]
    [InlineData("foo", "expected one of")]
    [InlineData("=bar", "expected a label name")]
    [InlineData("foo=~\"(\"", "invalid regular expression")]
    [InlineData("foo=\"bar", "unterminated")]
    [InlineData("{foo=\"bar\"", "missing closing")]
    public void Parse_Invalid_NamesTheProblem(string input, string message)
    {
        var e = Assert.Throws<FormatException>(() => MatcherParser.ParseList(input));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_AbsentLabel_MatchesAsEmpty()
    {
        Assert.True(MatcherParser.Parse("foo=\"\"").Matches(LabelSet.Empty));
        Assert.True(MatcherParser.Parse("foo!=\"x\"").Matches(LabelSet.Empty));
        Assert.False(MatcherParser.Parse("foo=~\".+\"").Matches(LabelSet.Empty));
    }
}
