using Vigil.Scrape.Parsing;
using static Vigil.Scrape.Tests.Parsing.Protobuf.ExpositionProto;

namespace Vigil.Scrape.Tests.Parsing.Protobuf;

public sealed class ProtobufParserErrorTests
{
    private static readonly (string, string)[] NoLabels = [];

    public static TheoryData<string, byte[], string> BadBodies => new()
    {
        { "length past the end", [0x0a, 0x0a, 0x01], "message at byte 0 is 10 bytes long, but only 2 bytes are left" },
        { "endless length prefix", [0xff, 0xff, 0xff, 0xff, 0xff, 0x01], "invalid length prefix at byte 0" },
        { "truncated field", [0x03, 0x0a, 0x05, 0x61], "protobuf metric family 1: length 5 runs past the end of the message" },
        { "name of wrong wire type", Body(Message(o => { o.WriteTag(1, Google.Protobuf.WireFormat.WireType.Varint); o.WriteInt32(1); })), "MetricFamily.name has wire type 0, expected 2" },
        { "empty name", Body(Family("", Gauge, "", "", Metric(NoLabels, 2, Value(1)))), "invalid metric name: \"\"" },
        { "unknown type", Body(Family("x", 9, "", "", Metric(NoLabels, 2, Value(1)))), "unknown metric type 9 for metric \"x\"" },
        { "empty label name", Body(Family("x", Gauge, "", "", Metric([("", "v")], 2, Value(1)))), "protobuf metric family 1 (\"x\"): invalid label name: \"\"" },
        { "label twice", Body(Family("x", Gauge, "", "", Metric([("a", "1"), ("a", "2")], 2, Value(1)))), "label \"a\" is given twice" },
        { "spans need more buckets", Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, new HistogramValue { Count = 1, PositiveSpans = [(0, 2)], PositiveDeltas = [1] }.Encode()))),
            "histogram \"h\": positive side: spans need 2 buckets, have 1 buckets" },
        { "count below buckets", Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, new HistogramValue { Count = 1, PositiveSpans = [(0, 1)], PositiveDeltas = [3] }.Encode()))),
            "histogram \"h\": 3 observations found in buckets, but the Count field is 1" },
        { "negative bucket", Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, new HistogramValue { Count = 1, PositiveSpans = [(0, 2)], PositiveDeltas = [1, -2] }.Encode()))),
            "positive side: bucket number 2 has observation count of -1" },
        { "schema out of range", Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, new HistogramValue { Count = 1, Schema = 9, PositiveSpans = [(0, 1)], PositiveDeltas = [1] }.Encode()))),
            "schema 9 is not supported" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void Next_BadBody_ErrorSaysWhatAndWhere(string why, byte[] body, string expected)
    {
        var error = Assert.Throws<ExpositionParseException>(() =>
        {
            var parser = new ProtobufParser(body);
            while (parser.Next() != ExpositionEntry.End)
            {
                _ = parser.Labels();
            }
        });

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {error.Message}");
    }

    [Theory]
    [InlineData("non-cumulative", new[] { 0.1, 1.0 }, new[] { 3.0, 2.0 }, 3.0, "count is not cumulative: 2 < 3")]
    [InlineData("+Inf differs from count", new[] { 1.0, double.PositiveInfinity }, new[] { 1.0, 2.0 }, 3.0, "count mismatch: count=3 != le=+Inf count=2")]
    [InlineData("NaN bound", new[] { double.NaN }, new[] { 1.0 }, 1.0, "bucket boundary must not be NaN")]
    public void Next_ClassicHistogramThatCannotConvert_NhcbErrorNamesTheHistogram(string why, double[] bounds, double[] counts, double count, string expected)
    {
        var histogram = new HistogramValue { CountFloat = count, FloatBuckets = bounds.Zip(counts).ToArray() };
        var body = Body(Family("h", Histogram, "", "", Metric(NoLabels, 7, histogram.Encode())));

        var error = Assert.Throws<ExpositionParseException>(() =>
        {
            var parser = new ProtobufParser(body, new Vigil.Scrape.Parsing.Protobuf.ProtobufParserOptions(ConvertClassicHistogramsToNhcb: true));
            while (parser.Next() != ExpositionEntry.End)
            {
            }
        });

        Assert.True(error.Message.Contains($"histogram \"h\": {expected}", StringComparison.Ordinal), $"{why}: {error.Message}");
    }
}
