using Vigil.Scrape.Parsing;
using Vigil.Scrape.Parsing.Protobuf;
using static Vigil.Scrape.Tests.Parsing.Protobuf.ExpositionProto;

namespace Vigil.Scrape.Tests.Parsing.Protobuf;

public sealed class ProtobufParserTests
{
    private static readonly (string, string)[] NoLabels = [];

    [Fact]
    public void Next_CounterGaugeUntyped_ReadsMetadataAndSamples()
    {
        var body = Body(
            Family("requests_total", Counter, "Requests served.", "", Metric([("method", "get"), ("code", "200")], 3, Value(3), 1_700_000_000_000)),
            Family("temperature", Gauge, "", "celsius", Metric(NoLabels, 2, Value(21.5))),
            Family("free", Untyped, "", "", Metric([("empty", "")], 5, Value(1))));

        Assert.Equal(
            [
                "HELP requests_total Requests served.",
                "TYPE requests_total Counter",
                "{__name__=\"requests_total\", code=\"200\", method=\"get\"} 3 @1700000000000",
                "HELP temperature ",
                "UNIT temperature celsius",
                "TYPE temperature Gauge",
                "{__name__=\"temperature\"} 21.5",
                "HELP free ",
                "TYPE free Unknown",
                "{__name__=\"free\"} 1",
            ],
            ParseDump.All(new ProtobufParser(body)));
    }

    [Fact]
    public void Next_Summary_CountSumAndQuantiles()
    {
        var body = Body(Family("rpc_seconds", Summary, "", "", Metric([("svc", "a")], 4, SummaryValue(10, 2.5, (0.5, 0.2), (0.99, 1)))));

        Assert.Equal(
            [
                "HELP rpc_seconds ",
                "TYPE rpc_seconds Summary",
                "{__name__=\"rpc_seconds_count\", svc=\"a\"} 10",
                "{__name__=\"rpc_seconds_sum\", svc=\"a\"} 2.5",
                "{__name__=\"rpc_seconds\", quantile=\"0.5\", svc=\"a\"} 0.2",
                "{__name__=\"rpc_seconds\", quantile=\"0.99\", svc=\"a\"} 1",
            ],
            ParseDump.All(new ProtobufParser(body)));
    }

    [Fact]
    public void Next_ClassicHistogramWithoutInfBucket_AddsInfBucketWithCount()
    {
        var histogram = new HistogramValue { Count = 5, Sum = 7.5, Buckets = [(0.1, 1), (1, 4)] };
        var body = Body(Family("latency", Histogram, "", "", Metric(NoLabels, 7, histogram.Encode())));

        Assert.Equal(
            [
                "HELP latency ",
                "TYPE latency Histogram",
                "{__name__=\"latency_count\"} 5",
                "{__name__=\"latency_sum\"} 7.5",
                "{__name__=\"latency_bucket\", le=\"0.1\"} 1",
                "{__name__=\"latency_bucket\", le=\"1.0\"} 4",
                "{__name__=\"latency_bucket\", le=\"+Inf\"} 5",
            ],
            ParseDump.All(new ProtobufParser(body)));
    }

    [Fact]
    public void Next_IntegerNativeHistogram_DeltasBecomeCounts()
    {
        var histogram = new HistogramValue
        {
            Count = 8, Sum = 12, Schema = 1, ZeroThreshold = 0.001, ZeroCount = 1,
            PositiveSpans = [(0, 2), (1, 1)], PositiveDeltas = [2, -1, 1], NegativeSpans = [(-1, 1)], NegativeDeltas = [2],
        };
        var body = Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, histogram.Encode(), 5000)));

        var parser = new ProtobufParser(body);
        var entries = ParseDump.All(parser);

        Assert.Equal(
            "{__name__=\"h\"} {count:8, sum:12, schema:1, zero:1@0.001, buckets@0:[2 1 0 2], n_buckets@-1:[2], hint:Unknown} @5000",
            entries[^1]);
        Assert.Equal(3, entries.Count);
    }

    [Fact]
    public void Next_FloatGaugeHistogram_FloatCountsAndGaugeHint()
    {
        var histogram = new HistogramValue { CountFloat = 2.5, Sum = 3, Schema = 0, ZeroCountFloat = 0.5, ZeroThreshold = 1e-9, PositiveSpans = [(1, 1)], PositiveCounts = [2] };
        var body = Body(Family("g", GaugeHistogram, "", "", Metric(NoLabels, 7, histogram.Encode())));

        Assert.Equal(
            "{__name__=\"g\"} {count:2.5, sum:3, schema:0, zero:0.5@1E-09, buckets@1:[2], n_buckets@0:[], hint:Gauge}",
            ParseDump.All(new ProtobufParser(body))[^1]);
    }

    [Theory]
    [InlineData(true, false, false, "h|")]
    [InlineData(true, true, false, "h|h_count|h_sum|h_bucket|h_bucket|")]
    [InlineData(false, false, false, "h_count|h_sum|h_bucket|h_bucket|")]
    [InlineData(false, false, true, "h|")]
    [InlineData(false, true, true, "h_count|h_sum|h_bucket|h_bucket|h|")]
    public void Next_HistogramWithBothParts_OptionsDecideWhatIsEmitted(bool native, bool alwaysClassic, bool nhcb, string expected)
    {
        var histogram = new HistogramValue
        {
            Count = 3, Sum = 3, Buckets = [(1, 2), (double.PositiveInfinity, 3)], Schema = 0, PositiveSpans = [(0, 2)], PositiveDeltas = [2, -1],
        };
        var body = Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, histogram.Encode())));
        var parser = new ProtobufParser(body, new ProtobufParserOptions(native, alwaysClassic, nhcb));

        Assert.Equal(expected, Names(parser));
    }

    [Theory]
    [InlineData(false, false, "h_count|h_sum|h_bucket|h_bucket|h_bucket|")]
    [InlineData(true, false, "h|")]
    [InlineData(true, true, "h_count|h_sum|h_bucket|h_bucket|h_bucket|h|")]
    public void Next_ClassicOnlyHistogram_ConvertedToCustomBucketsWhenAsked(bool nhcb, bool alwaysClassic, string expected)
    {
        var histogram = new HistogramValue { Count = 5, Sum = 7.5, Buckets = [(0.1, 1), (1, 4)] };
        var body = Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, histogram.Encode())));

        Assert.Equal(expected, Names(new ProtobufParser(body, new ProtobufParserOptions(true, alwaysClassic, nhcb))));
    }

    [Fact]
    public void Next_ClassicHistogramToNhcb_CustomBoundsAndBucketCounts()
    {
        var histogram = new HistogramValue { Count = 5, Sum = 7.5, Buckets = [(1, 4), (0.1, 1)] };
        var body = Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, histogram.Encode())));

        Assert.Equal(
            "{__name__=\"h\"} {count:5, sum:7.5, schema:-53, zero:0@0, buckets@0:[1 3 1], n_buckets@0:[], hint:Unknown, custom_values:[0.1 1]}",
            ParseDump.All(new ProtobufParser(body, new ProtobufParserOptions(ConvertClassicHistogramsToNhcb: true)))[^1]);
    }

    [Fact]
    public void Next_EmptyFamily_Skipped()
    {
        var body = Body(Family("nothing", Gauge, "no metrics", ""), Family("g", Gauge, "", "", Metric(NoLabels, 2, Value(1))));

        Assert.Equal(["HELP g ", "TYPE g Gauge", "{__name__=\"g\"} 1"], ParseDump.All(new ProtobufParser(body)));
    }

    [Fact]
    public void Series_SameSeriesInTwoScrapes_SameKey_DifferentSeries_DifferentKeys()
    {
        var body = Body(Family("g", Gauge, "", "", Metric([("a", "1")], 2, Value(1)), Metric([("a", "2")], 2, Value(1))));
        var first = Keys(new ProtobufParser(body));
        var second = Keys(new ProtobufParser(body));

        Assert.Equal(first, second);
        Assert.Equal(2, first.Distinct().Count());
    }

    private static string Names(ProtobufParser parser)
    {
        var names = "";
        for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
        {
            if (e is ExpositionEntry.Series or ExpositionEntry.Histogram)
            {
                names += parser.Labels().Get("__name__") + "|";
            }
        }
        return names;
    }

    private static List<string> Keys(ProtobufParser parser)
    {
        var keys = new List<string>();
        for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
        {
            if (e == ExpositionEntry.Series)
            {
                keys.Add(Convert.ToHexString(parser.Series));
            }
        }
        return keys;
    }
}
