using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Tests.Parser;

public sealed class StringLiteralTests
{
    [Theory]
    [InlineData("\"\\xc3\\xa9\"", "é")]
    [InlineData("\"\\303\\251\"", "é")]
    [InlineData("\"a\\x41b\"", "aAb")]
    [InlineData("\"\\xff\"", "\uFFFD")]
    [InlineData("\"\\u00e9\"", "é")]
    public void Parse_ByteEscapes_DecodeAsUtf8(string literal, string expected)
    {
        var expr = Assert.IsType<StringLiteral>(PromQLParser.Parse(literal));

        Assert.Equal(expected, expr.Value);
    }
}
