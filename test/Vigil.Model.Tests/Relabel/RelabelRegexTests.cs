using Vigil.Model.Relabel;

namespace Vigil.Model.Tests.Relabel;

public sealed class RelabelRegexTests
{
    [Theory]
    [InlineData("(a)(?P<n>b)(c)", "abc", "$1|$2|$3|$n", "a|b|c|b")]
    [InlineData("(?<n>a)(b)", "ab", "$1|$2|${n}", "a|b|a")]
    [InlineData("(?:a)(b)", "ab", "$1", "b")]
    [InlineData("[(](b)", "(b", "$1", "b")]
    [InlineData("[]()](b)", "(b", "$1", "b")]
    [InlineData("\\((b)", "(b", "$1", "b")]
    [InlineData("(a)|(b)", "b", "[$1][$2]", "[][b]")]
    [InlineData("(a)", "a", "$9", "")]
    [InlineData("(a)", "a", "$name", "")]
    [InlineData("(a)", "a", "$", "$")]
    [InlineData("(a)", "a", "x$", "x$")]
    public void Expand_GroupsNumberedAsGo(string pattern, string input, string template, string expected)
    {
        var regex = RelabelRegex.Compile(pattern);
        var match = regex.Match(input);
        Assert.NotNull(match);
        Assert.Equal(expected, regex.Expand(template, match));
    }

    [Theory]
    [InlineData("foo", "foo", true)]
    [InlineData("foo", "xfoo", false)]
    [InlineData("foo", "foo\n", false)]
    [InlineData("a.b", "a\nb", true)]
    [InlineData("a|b", "ab", false)]
    public void IsMatch_AnchoredWithDotAll(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, RelabelRegex.Compile(pattern).IsMatch(input));
    }
}
