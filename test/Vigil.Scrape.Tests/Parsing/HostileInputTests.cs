using System.Text;
using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Tests.Parsing;

/// <summary>Payloads a broken or malicious target could send: each is a clear error (or parses), never a crash.</summary>
public sealed class HostileInputTests
{
    private const int MaxMessageLength = 400;

    [Fact]
    public void Next_HugeLabelValue_ParsesInOnePass()
    {
        var value = new string('v', 4 << 20);
        var parser = new PrometheusTextParser(Encoding.UTF8.GetBytes($"m{{a=\"{value}\"}} 1\n"));
        Assert.Equal(ExpositionEntry.Series, parser.Next());
        Assert.Equal(value.Length, parser.RawLabelValueAt(0).Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_HugeGarbageLine_ErrorIsBounded(bool openMetrics)
    {
        var payload = Encoding.ASCII.GetBytes("m{a=\"1\"} 1\n" + "m " + new string('x', 8 << 20) + "\n# EOF\n");
        var e = openMetrics ? ParseDump.OpenMetricsError(payload) : ParseDump.TextError(payload);
        Assert.Equal(2, e.Line);
        Assert.True(e.Message.Length < MaxMessageLength, e.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_InvalidUtf8InLabelValue_IsErrorShowingTheBytes(bool openMetrics)
    {
        var payload = Encoding.ASCII.GetBytes("ok 1\nm{a=\"bad-").Concat(new byte[] { 0xC3, 0x28 }).Concat("\"} 1\n# EOF\n"u8.ToArray()).ToArray();
        var e = openMetrics ? ParseDump.OpenMetricsError(payload) : ParseDump.TextError(payload);
        Assert.Equal(2, e.Line);
        Assert.Contains("invalid UTF-8 in label value \"bad-\\xc3(\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_InvalidUtf8InHelp_IsError()
    {
        var payload = "# HELP m bad "u8.ToArray().Concat(new byte[] { 0xFF, (byte)'\n' }).ToArray();
        Assert.Contains("help text is not valid UTF-8", ParseDump.TextError(payload).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(10_000)]
    public void Next_ManyLabelsWithOneDuplicate_NamesTheDuplicate(int count)
    {
        var labels = string.Join(",", Enumerable.Range(0, count).Select(i => $"l{i}=\"v\""));
        var e = ParseDump.TextError($"m{{{labels},l{count / 2}=\"again\"}} 1\n");
        Assert.Contains($"label name \"l{count / 2}\" is not unique", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < MaxMessageLength);
    }

    [Fact]
    public void Next_ExtremelyManyLabels_AllRead()
    {
        const int count = 50_000;
        var labels = string.Join(",", Enumerable.Range(0, count).Select(i => $"l{i}=\"v{i}\""));
        var parser = new PrometheusTextParser(Encoding.UTF8.GetBytes($"m{{{labels}}} 1\n"));
        parser.Next();
        Assert.Equal(count, parser.LabelCount);
        Assert.Equal(count + 1, parser.Labels().Count);
    }

    [Fact]
    public void Next_ManyLines_ReadsAllWithLineNumbers()
    {
        const int lines = 200_000;
        var sb = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            sb.Append("m{i=\"").Append(i).Append("\"} ").Append(i).Append('\n');
        }
        sb.Append("broken{\n");
        var e = ParseDump.TextError(sb.ToString());
        Assert.Equal(lines + 1, e.Line);
    }

    [Fact]
    public void Next_UnterminatedQuoteInTextFormat_NamesTheLineItStarts()
    {
        var e = ParseDump.TextError("a 1\nm{a=\"never closed} 1\nb 2\nc 3\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("unterminated quoted string", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_NulBytes_AreErrors(bool openMetrics)
    {
        var payload = "m 1\n\0\0\0\n# EOF\n"u8.ToArray();
        var e = openMetrics ? ParseDump.OpenMetricsError(payload) : ParseDump.TextError(payload);
        Assert.Equal(2, e.Line);
        Assert.Contains("\\x00", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_RandomBinaryJunk_OnlyParseErrors(bool openMetrics)
    {
        var random = new Random(5);
        for (var round = 0; round < 300; round++)
        {
            var junk = new byte[random.Next(1, 2000)];
            random.NextBytes(junk);
            DrainExpectingOnlyParseErrors(openMetrics, junk);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_MutatedValidPayload_OnlyParseErrors(bool openMetrics)
    {
        var valid = Encoding.UTF8.GetBytes("""
            # HELP foo Number of foos.
            # TYPE foo counter
            foo_total{a="1",b="x\"y\\z"} 17.0 1520879607 # {trace_id="abc"} 0.67 1520879602.5
            foo_created{a="1",b="x\"y\\z"} 1520872607.123
            # TYPE h histogram
            h_bucket{le="0.5"} 1
            h_bucket{le="+Inf"} 2
            h_count 2
            h_sum 1.5
            {"dotted.name","a.b"="c"} NaN
            # EOF

            """);
        var random = new Random(42);
        const string alphabet = "{}\"=, #\n\\\r\t\0aZ_:.9eE+-";
        for (var round = 0; round < 3000; round++)
        {
            var mutated = (byte[])valid.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                mutated[random.Next(mutated.Length)] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)alphabet[random.Next(alphabet.Length)];
            }
            DrainExpectingOnlyParseErrors(openMetrics, mutated);
        }
    }

    /// <summary>Reads everything, materialising each entry; only <see cref="ExpositionParseException"/> may escape.</summary>
    private static void DrainExpectingOnlyParseErrors(bool openMetrics, byte[] payload)
    {
        ExpositionParser parser = openMetrics ? new OpenMetricsParser(payload, skipCreatedSeries: true) : new PrometheusTextParser(payload);
        try
        {
            for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
            {
                _ = ParseDump.Render(parser, e);
                if (parser is OpenMetricsParser om && e == ExpositionEntry.Series)
                {
                    _ = om.CreatedTimestampMs();
                }
            }
        }
        catch (ExpositionParseException e)
        {
            Assert.InRange(e.Line, 1, payload.Count(b => b == '\n') + 1);
            Assert.True(e.Message.Length < MaxMessageLength + 200);
        }
    }
}
