using Vigil.Scrape.Parsing;
using Vigil.Scrape.Parsing.Protobuf;
using static Vigil.Scrape.Tests.Parsing.Protobuf.ExpositionProto;

namespace Vigil.Scrape.Tests.Parsing.Protobuf;

/// <summary>Whatever bytes arrive, the parser either reads them or throws its parse error: nothing else escapes.</summary>
public sealed class ProtobufHostileInputTests
{
    private static readonly byte[] Valid = Body(
        Family("h", Histogram, "help", "seconds", Metric([("a", "b")], 7, new HistogramValue
        {
            Count = 4, Sum = 2, Schema = 1, ZeroThreshold = 0.01, ZeroCount = 1, Buckets = [(1, 2)],
            PositiveSpans = [(0, 2)], PositiveDeltas = [1, 0], NegativeSpans = [(2, 1)], NegativeDeltas = [1],
        }.Encode(), 1000)),
        Family("s", Summary, "", "", Metric([], 4, SummaryValue(3, 1.5, (0.5, 1)))),
        Family("c", Counter, "", "", Metric([("x", "y")], 3, Value(7))));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Next_EveryByteFlippedOrCut_OnlyParseErrors(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 2000; round++)
        {
            var body = (byte[])Valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                body[random.Next(body.Length)] = (byte)random.Next(256);
            }
            var cut = random.Next(4) == 0 ? body[..random.Next(body.Length)] : body;
            ReadAll(cut, new ProtobufParserOptions(random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0));
        }
    }

    [Fact]
    public void Next_RandomBytes_OnlyParseErrors()
    {
        var random = new Random(42);
        for (var round = 0; round < 2000; round++)
        {
            var body = new byte[random.Next(1, 200)];
            random.NextBytes(body);
            ReadAll(body, new ProtobufParserOptions(ConvertClassicHistogramsToNhcb: true));
        }
    }

    private static void ReadAll(byte[] body, ProtobufParserOptions options)
    {
        try
        {
            var parser = new ProtobufParser(body, options);
            for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
            {
                if (e is ExpositionEntry.Series or ExpositionEntry.Histogram)
                {
                    _ = parser.Labels();
                    _ = parser.Series.Length;
                }
                else
                {
                    _ = parser.MetricNameString();
                    _ = parser.Help();
                }
            }
        }
        catch (ExpositionParseException)
        {
            // The expected outcome for most corrupted bodies.
        }
    }
}
