using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.PromQL.Testing;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class StartTimestampTests
{
    private static readonly LabelSet Counter = LabelSet.Of("__name__", "c_total");

    // A delta counter: 60 per minute, each sample's start is the previous sample's time.
    private static MemoryStorage Deltas()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var i = 2; i <= 10; i++)
        {
            app.Append(Counter, i * 60_000L, 60);
        }
        app.Commit();
        for (var i = 2; i <= 10; i++)
        {
            storage.SetStartTimestamp(Counter, i * 60_000L, (i - 1) * 60_000L);
        }
        return storage;
    }

    [Theory]
    [InlineData("increase(c_total[5m])", true, 300)]
    [InlineData("increase(c_total[5m])", false, 0)]
    [InlineData("rate(c_total[5m])", true, 1)]
    [InlineData("irate(c_total[5m])", true, 1)]
    [InlineData("resets(c_total[5m])", true, 4)]
    [InlineData("start_timestamp(c_total)", true, 540)]
    public void Instant_DeltaCounter_UsesStartTimestampsWhenEnabled(string query, bool enabled, double expected)
    {
        var engine = new QueryEngine(new EngineOptions { UseStartTimestamps = enabled, Parser = ParserOptions.AllEnabled });

        var sample = Assert.Single(((VectorValue)engine.Instant(Deltas(), query, 600_000).Value).Samples);

        Assert.Equal(expected, sample.Value, 9);
    }

    [Theory]
    [InlineData("start_timestamp(c_total)", false)]
    [InlineData("start_timestamp(c_total * 1)", true)]
    public void Instant_StartTimestampWithoutSelectorOrFeature_Empty(string query, bool enabled)
    {
        var engine = new QueryEngine(new EngineOptions { UseStartTimestamps = enabled, Parser = ParserOptions.AllEnabled });

        Assert.Empty(((VectorValue)engine.Instant(Deltas(), query, 600_000).Value).Samples);
    }

    [Theory]
    [InlineData(0, 0, 0)] // no start timestamps
    [InlineData(0, 120_000, 0)] // start at its own time: unknown
    [InlineData(0, 90_000, 1)] // started after the previous sample
    [InlineData(0, 30_000, 0)] // started before the previous sample (cumulative)
    [InlineData(0, 60_000, 0)] // points at the previous sample, whose start is unknown
    [InlineData(1, 60_000, 1)] // the same for a delta
    [InlineData(90_000, 60_000, 0)] // previous start past its own sample: invalid
    public void Resets_TwoEqualSamples_CountsStartTimestampResets(long previousStart, long start, double expected)
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.Append(Counter, 60_000, 5);
        app.Append(Counter, 120_000, 5);
        app.Commit();
        storage.SetStartTimestamp(Counter, 60_000, previousStart);
        storage.SetStartTimestamp(Counter, 120_000, start);
        var engine = new QueryEngine(new EngineOptions { UseStartTimestamps = true, Parser = ParserOptions.AllEnabled });

        var sample = Assert.Single(((VectorValue)engine.Instant(storage, "resets(c_total[2m])", 120_000).Value).Samples);

        Assert.Equal(expected, sample.Value);
    }

    [Fact]
    public void Parse_StartLine_PairsOffsetsWithTheNextSeries()
    {
        var commands = ScriptParser.Parse("load 1m\n    a@st _ -30s-1mx2 0\n    a _ 1 2 3 4\n");

        var load = Assert.IsType<LoadCommand>(Assert.Single(commands));
        Assert.Equal([null, -30_000L, -90_000L, -150_000L, 0L], load.StartOffsets[0]);
    }

    [Theory]
    [InlineData("load 1m\n    a@st -1m\n    b 1\n", "does not match")]
    [InlineData("load 1m\n    a@st -1m -1m\n    a 1\n", "has 2 values but sample line has 1")]
    [InlineData("load 1m\n    a@st -1m\n", "no following sample line")]
    [InlineData("load 1m\n    a@st -1q\n    a 1\n", "invalid @st item")]
    public void Parse_BadStartLine_NamesTheProblem(string script, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ScriptParser.Parse(script));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
