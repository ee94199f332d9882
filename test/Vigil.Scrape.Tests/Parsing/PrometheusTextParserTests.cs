using System.Text;
using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Tests.Parsing;

public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Next_TypicalExposition_ReadsEveryEntry()
    {
        const string payload = """
            # HELP go_goroutines Number of goroutines that currently exist.
            # TYPE go_goroutines gauge
            go_goroutines 33 123123
            # a free comment
            # TYPE http_requests_total counter
            http_requests_total{code="200",method="get"} 1027
            http_requests_total{ code = "400" , method="post", } 3 1395066363000

            rpc_duration_seconds{quantile="0.5"} NaN
            minus_inf -Inf
            plus_inf +Inf
            exp_value 1.5e-3
            {"my.dotted.metric", "label.with.dot"="v"} 1
            no_final_newline 42
            """;
        Assert.Equal(
            [
                "HELP go_goroutines Number of goroutines that currently exist.",
                "TYPE go_goroutines Gauge",
                "{__name__=\"go_goroutines\"} 33 @123123",
                "COMMENT",
                "TYPE http_requests_total Counter",
                "{__name__=\"http_requests_total\", code=\"200\", method=\"get\"} 1027",
                "{__name__=\"http_requests_total\", code=\"400\", method=\"post\"} 3 @1395066363000",
                "{__name__=\"rpc_duration_seconds\", quantile=\"0.5\"} NaN",
                "{__name__=\"minus_inf\"} -Infinity",
                "{__name__=\"plus_inf\"} Infinity",
                "{__name__=\"exp_value\"} 0.0015",
                "{__name__=\"my.dotted.metric\", label.with.dot=\"v\"} 1",
                "{__name__=\"no_final_newline\"} 42",
            ],
            ParseDump.Text(payload));
    }

    [Theory]
    [InlineData("m{a=\"x\\\\y\"} 1", "x\\y")]
    [InlineData("m{a=\"say \\\"hi\\\"\"} 1", "say \"hi\"")]
    [InlineData("m{a=\"two\\nlines\"} 1", "two\nlines")]
    [InlineData("m{a=\"tab\\t stays\"} 1", "tab\\t stays")]
    [InlineData("m{a=\"ünïcödé ✓\"} 1", "ünïcödé ✓")]
    public void LabelValueAt_Escapes_ResolvedAsUpstream(string line, string expected)
    {
        var parser = new PrometheusTextParser(Encoding.UTF8.GetBytes(line));
        Assert.Equal(ExpositionEntry.Series, parser.Next());
        Assert.Equal(expected, parser.LabelValueAt(0));
    }

    [Theory]
    [InlineData("# HELP m a \\\\ backslash and a \\n newline", "a \\ backslash and a \n newline")]
    [InlineData("# HELP m keeps \\\"quotes\\\" escaped", "keeps \\\"quotes\\\" escaped")]
    [InlineData("# HELP m", "")]
    [InlineData("# HELP m  two spaces", " two spaces")]
    [InlineData("#\tHELP\tm\ttabbed", "tabbed")]
    public void Help_Escapes_BackslashAndNewlineOnly(string line, string expected)
    {
        var parser = new PrometheusTextParser(Encoding.UTF8.GetBytes(line));
        Assert.Equal(ExpositionEntry.Help, parser.Next());
        Assert.Equal(expected, parser.Help());
    }

    [Theory]
    [InlineData("#HELP m text")]
    [InlineData("# HELPER m text")]
    [InlineData("# something else")]
    [InlineData("#")]
    public void Next_NotHelpOrType_IsComment(string line)
    {
        Assert.Equal(["COMMENT"], ParseDump.Text(line));
    }

    [Theory]
    [InlineData("counter", MetricType.Counter)]
    [InlineData("gauge", MetricType.Gauge)]
    [InlineData("histogram", MetricType.Histogram)]
    [InlineData("summary", MetricType.Summary)]
    [InlineData("untyped", MetricType.Unknown)]
    public void Next_TypeLine_SetsType(string word, MetricType expected)
    {
        var parser = new PrometheusTextParser(Encoding.UTF8.GetBytes($"# TYPE m {word}\nm 1\n"));
        Assert.Equal(ExpositionEntry.Type, parser.Next());
        Assert.Equal(expected, parser.Type);
        Assert.Equal(ExpositionEntry.Series, parser.Next());
        Assert.Equal(expected, parser.Type);
    }

    [Fact]
    public void Series_RawBytes_CoverNameAndLabelsOnly()
    {
        var parser = new PrometheusTextParser("  m{a=\"1\"}  7 100\nm 2\n"u8.ToArray());
        parser.Next();
        Assert.Equal("m{a=\"1\"}", Encoding.UTF8.GetString(parser.Series));
        Assert.Equal("m", Encoding.UTF8.GetString(parser.MetricName));
        Assert.Equal(1, parser.LabelCount);
        Assert.Equal("a", Encoding.UTF8.GetString(parser.LabelNameAt(0)));
        Assert.Equal(1, parser.Line);
        parser.Next();
        Assert.Equal("m", Encoding.UTF8.GetString(parser.Series));
        Assert.Equal(0, parser.LabelCount);
        Assert.Null(parser.TimestampMs);
        Assert.Equal(2, parser.Line);
        Assert.Equal(ExpositionEntry.End, parser.Next());
    }

    [Fact]
    public void Value_NaN_IsUpstreamsNormalNaN()
    {
        var parser = new PrometheusTextParser("m nan\n"u8.ToArray());
        parser.Next();
        Assert.Equal(0x7ff8000000000001, BitConverter.DoubleToInt64Bits(parser.Value));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("\n\n   \n", 0)]
    [InlineData("# only comments\n", 1)]
    public void Next_EmptyOrBlank_EndsCleanly(string payload, int entries)
    {
        Assert.Equal(entries, ParseDump.Text(payload).Count);
    }
}
