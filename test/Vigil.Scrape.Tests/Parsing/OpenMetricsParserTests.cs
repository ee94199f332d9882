using System.Text;
using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Tests.Parsing;

public sealed class OpenMetricsParserTests
{
    private const string Counter = """
        # TYPE foo counter
        # HELP foo Number of foos.
        # UNIT foo_seconds seconds
        foo_total{a="1"} 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67 1520879602.5
        foo_created{a="1"} 1520872607.123
        foo_total{a="2"} 3 # {trace_id="x"} 1
        # EOF

        """;

    [Fact]
    public void Next_CounterFamily_ReadsMetadataSamplesAndExemplars()
    {
        Assert.Equal(
            [
                "TYPE foo Counter",
                "HELP foo Number of foos.",
                "UNIT foo_seconds seconds",
                "{__name__=\"foo_total\", a=\"1\"} 17 @1520879607789 # {trace_id=\"KOO5S4vxi0o\"} 0.67 @1520879602500",
                "{__name__=\"foo_created\", a=\"1\"} 1520872607.123",
                "{__name__=\"foo_total\", a=\"2\"} 3 # {trace_id=\"x\"} 1",
            ],
            ParseDump.OpenMetrics(Counter));
    }

    [Fact]
    public void Next_SkipCreatedSeries_HidesCreatedAndExposesItsTimestamp()
    {
        var parser = new OpenMetricsParser(Encoding.UTF8.GetBytes(Counter), skipCreatedSeries: true);
        var created = new List<long?>();
        for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
        {
            if (e == ExpositionEntry.Series)
            {
                Assert.DoesNotContain("_created", parser.MetricNameString(), StringComparison.Ordinal);
                created.Add(parser.CreatedTimestampMs());
            }
        }
        Assert.Equal([1520872607123, null], created);
    }

    [Fact]
    public void CreatedTimestampMs_HistogramBuckets_IgnoreLe()
    {
        const string payload = """
            # TYPE h histogram
            h_bucket{le="1"} 1
            h_bucket{le="+Inf"} 2
            h_count 2
            h_sum 1.5
            h_created 1000.5
            # EOF
            """;
        var parser = new OpenMetricsParser(Encoding.UTF8.GetBytes(payload), skipCreatedSeries: true);
        parser.Next();
        var seen = new List<string>();
        for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
        {
            seen.Add($"{parser.MetricNameString()}={parser.CreatedTimestampMs()}");
        }
        Assert.Equal(["h_bucket=1000500", "h_bucket=1000500", "h_count=1000500", "h_sum=1000500"], seen);
    }

    [Fact]
    public void CreatedTimestampMs_Gauge_IsNull()
    {
        var parser = new OpenMetricsParser("# TYPE g gauge\ng 1\ng_created 5\n# EOF\n"u8.ToArray());
        parser.Next();
        parser.Next();
        Assert.Null(parser.CreatedTimestampMs());
    }

    [Theory]
    [InlineData(MetricType.Histogram, "h_bucket{le=\"1\"} 1", "le", "1.0")]
    [InlineData(MetricType.Histogram, "h_bucket{le=\"1e6\"} 1", "le", "1e+06")]
    [InlineData(MetricType.Histogram, "h_bucket{le=\"0.25\"} 1", "le", "0.25")]
    [InlineData(MetricType.Histogram, "h_bucket{le=\"+Inf\"} 1", "le", "+Inf")]
    [InlineData(MetricType.Summary, "s{quantile=\"0\"} 1", "quantile", "0.0")]
    [InlineData(MetricType.Gauge, "g{le=\"1\"} 1", "le", "1")]
    public void Labels_BucketAndQuantile_NormalisedLikeUpstream(MetricType type, string line, string label, string expected)
    {
        var word = type.ToString().ToLowerInvariant();
        var name = line[..line.IndexOfAny(['_', '{'])];
        var parser = new OpenMetricsParser(Encoding.UTF8.GetBytes($"# TYPE {name} {word}\n{line}\n# EOF\n"));
        parser.Next();
        parser.Next();
        Assert.Equal(expected, parser.Labels().Get(label));
    }

    [Theory]
    [InlineData("# EOF")]
    [InlineData("# EOF\n")]
    public void Next_EofWithOrWithoutLineBreak_Ends(string payload)
    {
        Assert.Empty(ParseDump.OpenMetrics(payload));
    }

    [Theory]
    [InlineData("m 1 -1.5", -1500L)]
    [InlineData("m 1 0", 0L)]
    [InlineData("m 1 1e3", 1000000L)]
    public void TimestampMs_SecondsAsFloat_ConvertedToMilliseconds(string line, long expected)
    {
        var parser = new OpenMetricsParser(Encoding.UTF8.GetBytes(line + "\n# EOF\n"));
        parser.Next();
        Assert.Equal(expected, parser.TimestampMs);
    }

    [Fact]
    public void Series_WithExemplar_CoversOnlyNameAndLabels()
    {
        var parser = new OpenMetricsParser("m{a=\"1\"} 2 # {id=\"x\",a=\"y\"} 3\n# EOF\n"u8.ToArray());
        parser.Next();
        Assert.Equal("m{a=\"1\"}", Encoding.UTF8.GetString(parser.Series));
        Assert.Equal(1, parser.LabelCount);
        Assert.Equal("{__name__=\"m\", a=\"1\"}", parser.Labels().ToString());
        Assert.Equal("{a=\"y\", id=\"x\"}", parser.ExemplarLabels().ToString());
        Assert.Null(parser.ExemplarTimestampMs);
    }
}
