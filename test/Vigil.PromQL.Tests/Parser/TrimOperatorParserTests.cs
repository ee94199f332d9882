using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Tests.Parser;

public sealed class TrimOperatorParserTests
{
    [Theory]
    [InlineData("h </ 5", "h </ 5")]
    [InlineData("h>/-10.0", "h >/ -10")]
    [InlineData("h >/ on (label) f", "h >/ on(label) f")]
    [InlineData("histogram_sum(h >/ 10.0)", "histogram_sum(h >/ 10)")]
    public void Parse_Trim_PrintsCanonicalForm(string query, string expected)
    {
        Assert.Equal(expected, PromQLParser.Parse(query).ToString());
    }

    [Theory]
    // Trims bind like comparisons: looser than + and *, tighter than and/or, left to right among themselves.
    [InlineData("h </ 1 + 2", TokenKind.TrimUpper, "1 + 2")]
    [InlineData("h >/ 2 * 3", TokenKind.TrimLower, "2 * 3")]
    [InlineData("h </ 1 >/ 0", TokenKind.TrimLower, "0")]
    [InlineData("h </ 1 > 0", TokenKind.Gtr, "0")]
    public void Parse_Trim_HasComparisonPrecedence(string query, TokenKind rootOp, string rhs)
    {
        var root = Assert.IsType<BinaryExpr>(PromQLParser.Parse(query));

        Assert.Equal(rootOp, root.Op);
        Assert.Equal(rhs, root.Rhs.ToString());
    }

    [Fact]
    public void Parse_TrimUnderAnd_BindsTighter()
    {
        var root = Assert.IsType<BinaryExpr>(PromQLParser.Parse("a and h </ 1"));

        Assert.Equal(TokenKind.And, root.Op);
        Assert.Equal(TokenKind.TrimUpper, Assert.IsType<BinaryExpr>(root.Rhs).Op);
    }

    [Theory]
    [InlineData("h </ bool 1", "bool modifier can only be used on comparison operators")]
    [InlineData("h[5m] </ 1", "binary expression must contain only scalar and instant vector types")]
    public void Parse_BadTrim_IsRefused(string query, string message)
    {
        var e = Assert.Throws<ParseException>(() => PromQLParser.Parse(query));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a < 1", TokenKind.Lss)]
    [InlineData("a <= 1", TokenKind.Lte)]
    [InlineData("a > -1", TokenKind.Gtr)]
    [InlineData("a >= 1", TokenKind.Gte)]
    public void Parse_Comparisons_AreNotTakenForTrims(string query, TokenKind op)
    {
        Assert.Equal(op, Assert.IsType<BinaryExpr>(PromQLParser.Parse(query)).Op);
    }
}
