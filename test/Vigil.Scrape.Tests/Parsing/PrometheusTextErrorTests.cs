namespace Vigil.Scrape.Tests.Parsing;

public sealed class PrometheusTextErrorTests
{
    [Theory]
    [InlineData("m{a=\"1\",,} 1", 1, "expected label name, got \",\"")]
    [InlineData("ok 1\nm{a 1", 2, "expected '=' after label name, got \"1\"")]
    [InlineData("m{a=1} 1", 1, "expected quoted label value, got \"1\"")]
    [InlineData("m{a=\"1\"", 1, "unexpected end of input in label set")]
    [InlineData("m{a=\"1", 1, "unterminated quoted string")]
    [InlineData("m", 1, "expected value after the series, got end of input")]
    [InlineData("m{}", 1, "expected value after the series")]
    [InlineData("m abc", 1, "invalid value \"abc\" (invalid syntax)")]
    [InlineData("m 1_000", 1, "invalid value \"1_000\"")]
    [InlineData("m 0x1p3", 1, "invalid value \"0x1p3\"")]
    [InlineData("m 1e999", 1, "invalid value \"1e999\" (value out of range)")]
    [InlineData("m +NaN", 1, "invalid value \"+NaN\"")]
    [InlineData("m 1 NaN", 1, "invalid timestamp \"NaN\" (expected integer milliseconds)")]
    [InlineData("m 1 1.5", 1, "invalid timestamp \"1.5\"")]
    [InlineData("m 1 -5", 1, "invalid timestamp \"-5\"")]
    [InlineData("m 1 99999999999999999999", 1, "timestamp \"99999999999999999999\" out of range")]
    [InlineData("m 1 2 3", 1, "expected end of line after the sample, got \"3\"")]
    [InlineData("m 1\r\nn 2\r\n", 1, "carriage return (CRLF line endings are not supported)")]
    [InlineData("# TYPE m counter\r\nm 1\r\n", 1, "invalid metric type \"counter\\r\" (CRLF line endings are not supported)")]
    [InlineData("\n\n# TYPE m gauges\n", 3, "invalid metric type \"gauges\"")]
    [InlineData("# TYPE 9m counter", 1, "expected metric name after TYPE, got \"9\"")]
    [InlineData("# HELP m-x text", 1, "expected a blank after the metric name, got \"-\"")]
    [InlineData("{a=\"1\"} 1", 1, "metric name not set")]
    [InlineData("{\"x\", \"y\"} 1", 1, "metric name already set")]
    [InlineData("m{a=\"1\",a=\"2\"} 1", 1, "label name \"a\" is not unique in series \"m{a=\\\"1\\\",a=\\\"2\\\"}\"")]
    [InlineData("m{__name__=\"m\"} 1", 1, "label name \"__name__\" is not unique")]
    [InlineData("1m 1", 1, "expected a metric name, '{' or '#' at the start of a line, got \"1\"")]
    [InlineData("m{\"\"=\"v\"} 1", 1, "invalid quoted label name")]
    public void Next_Malformed_ThrowsWithLineAndReason(string payload, int line, string expected)
    {
        var e = ParseDump.TextError(payload);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"line {line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_ErrorMessage_QuotesTheLineUpToTheProblem()
    {
        var e = ParseDump.TextError("good 1\nm{a=\"1\" b} 2\n");
        Assert.Equal("line 2: expected '=' after label name, got \"}\" in \"m{a=\\\"1\\\" b}\"", e.Message);
    }
}
