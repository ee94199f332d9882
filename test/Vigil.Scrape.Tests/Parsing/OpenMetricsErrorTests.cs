namespace Vigil.Scrape.Tests.Parsing;

public sealed class OpenMetricsErrorTests
{
    [Theory]
    [InlineData("m 1\n", 2, "data does not end with # EOF")]
    [InlineData("m 1", 1, "data does not end with # EOF")]
    [InlineData("", 1, "data does not end with # EOF")]
    [InlineData("# EOF\nm 1\n", 2, "unexpected data after # EOF")]
    [InlineData("# EOF\n\n", 2, "unexpected data after # EOF")]
    [InlineData("m 1\n\n# EOF\n", 2, "blank lines are not allowed in OpenMetrics")]
    [InlineData("# free comment\n# EOF\n", 1, "expected '# HELP', '# TYPE', '# UNIT' or '# EOF'")]
    [InlineData("#EOF\n", 1, "expected '# HELP'")]
    [InlineData("# TYPE m untyped\n# EOF\n", 1, "invalid metric type \"untyped\"")]
    [InlineData("# HELP m\n# EOF\n", 1, "expected a space and text in HELP, got end of line")]
    [InlineData("# UNIT m_bytes seconds\n# EOF\n", 1, "unit \"seconds\" is not a suffix of metric \"m_bytes\"")]
    [InlineData("# UNIT seconds seconds\n# EOF\n", 1, "unit \"seconds\" is not a suffix of metric \"seconds\"")]
    [InlineData("m  1\n# EOF\n", 1, "expected value, got \" \"")]
    [InlineData("m\t1\n# EOF\n", 1, "expected a space and value, got \"\\t\"")]
    [InlineData("m{a=\"1\", b=\"2\"} 1\n# EOF\n", 1, "expected label name, got \" \"")]
    [InlineData("m{a=\"1\" b=\"2\"} 1\n# EOF\n", 1, "expected ',' or '}' after label value, got \" \"")]
    [InlineData("m{a=\"x\ny\"} 1\n# EOF\n", 1, "unterminated quoted string (line break inside quotes)")]
    [InlineData("m 1 NaN\n# EOF\n", 1, "invalid timestamp \"NaN\" (not a finite number)")]
    [InlineData("m 1 +Inf\n# EOF\n", 1, "invalid timestamp \"+Inf\" (not a finite number)")]
    [InlineData("m 1 abc\n# EOF\n", 1, "invalid timestamp \"abc\" (invalid syntax)")]
    [InlineData("m 1 1e300\n# EOF\n", 1, "invalid timestamp \"1e300\" (out of range)")]
    [InlineData("m 1 2 3\n# EOF\n", 1, "expected end of line or exemplar after timestamp")]
    [InlineData("m 1 # {id=\"x\"}\n# EOF\n", 1, "expected a space and exemplar value, got end of line")]
    [InlineData("m 1 # {\"x\"} 1\n# EOF\n", 1, "expected label name in exemplar")]
    [InlineData("m 1 # {id=\"x\"} 1 NaN\n# EOF\n", 1, "invalid exemplar timestamp \"NaN\"")]
    [InlineData("m 1 # {id=\"x\"} 1 2 3\n# EOF\n", 1, "expected end of line after exemplar timestamp")]
    [InlineData("m 1\r\n# EOF\r\n", 1, "carriage return after value (CRLF line endings are not supported)")]
    [InlineData("m 1 5\r\n# EOF\r\n", 1, "CRLF line endings are not supported")]
    [InlineData("m{a=\"1\",a=\"1\"} 1\n# EOF\n", 1, "label name \"a\" is not unique")]
    public void Next_Malformed_ThrowsWithLineAndReason(string payload, int line, string expected)
    {
        var e = ParseDump.OpenMetricsError(payload);
        Assert.Equal(line, e.Line);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
