using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class DelayedNameRemovalTests
{
    private static readonly QueryEngine Delayed = new(new EngineOptions { EnableDelayedNameRemoval = true });
    private static readonly QueryEngine Immediate = new();

    // Two counters that differ only by name, one sample a minute.
    private static MemoryStorage TwoCounters()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var i = 0; i <= 10; i++)
        {
            app.Append(LabelSet.Of("__name__", "a_total", "env", "1"), i * 60_000L, i * 60);
            app.Append(LabelSet.Of("__name__", "b_total", "env", "1", "__type__", "counter"), i * 60_000L, i * 120);
        }
        app.Commit();
        return storage;
    }

    private static string Labels(QueryResult r) =>
        string.Join(" ", ((VectorValue)r.Value).Samples.Select(s => s.Metric.ToString()).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("sum by (env) (rate({env=\"1\"}[5m]))", "{env=\"1\"}")]
    [InlineData("label_replace(rate({env=\"1\"}[5m]), \"__name__\", \"rate_$1\", \"__name__\", \"(.+)\")", "{__name__=\"rate_a_total\", env=\"1\"} {__name__=\"rate_b_total\", __type__=\"counter\", env=\"1\"}")]
    [InlineData("label_join(rate({env=\"1\"}[5m]), \"from\", \"\", \"__name__\")", "{env=\"1\", from=\"a_total\"} {env=\"1\", from=\"b_total\"}")]
    [InlineData("topk(1, sum by (__name__) (rate(b_total[5m])))", "{}")]
    [InlineData("rate(a_total[5m]) > 0", "{env=\"1\"}")]
    [InlineData("a_total * 2 and on (env) b_total", "{env=\"1\"}")]
    [InlineData("last_over_time(abs(a_total)[5m:1m])", "{env=\"1\"}")]
    public void Instant_Delayed_DropsNameAtTheEnd(string query, string expected)
    {
        Assert.Equal(expected, Labels(Delayed.Instant(TwoCounters(), query, 600_000)));
    }

    [Theory]
    [InlineData("rate({env=\"1\"}[5m])")]
    [InlineData("sum by (__name__) (rate({env=\"1\"}[5m]))")]
    public void Instant_Delayed_CollisionAtTheEnd_Fails(string query)
    {
        var e = Assert.Throws<QueryException>(() => Delayed.Instant(TwoCounters(), query, 600_000));
        Assert.Equal("vector cannot contain metrics with the same labelset", e.Message);
    }

    [Fact]
    public void Instant_Immediate_CollisionMidway_Fails()
    {
        Assert.Throws<QueryException>(() => Immediate.Instant(TwoCounters(), "sum by (env) (rate({env=\"1\"}[5m]))", 600_000));
    }

    [Fact]
    public void Instant_Immediate_LabelReplaceCannotKeepTheName()
    {
        var result = Immediate.Instant(TwoCounters(), "label_replace(rate(a_total[5m]), \"__name__\", \"x\", \"__name__\", \"(.*)\")", 600_000);

        Assert.Equal("{__name__=\"x\", env=\"1\"}", Labels(result));
    }

    [Fact]
    public void Range_Delayed_SeriesThatDoNotOverlap_Merge()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.Append(LabelSet.Of("__name__", "a"), 0, 1);
        app.Append(LabelSet.Of("__name__", "b"), 0, 3);
        app.Append(LabelSet.Of("__name__", "b"), 600_000, 4);
        app.Commit();

        var result = Delayed.Range(storage, "-a or -b", 0, 1_200_000, 600_000);

        var series = Assert.Single(((MatrixValue)result.Value).Series);
        Assert.Equal(LabelSet.Empty, series.Metric);
        Assert.Equal([-1.0, -4.0], series.Points.Select(p => p.Value));
    }

    [Fact]
    public void Range_Delayed_SeriesThatOverlap_Fail()
    {
        var e = Assert.Throws<QueryException>(() => Delayed.Range(TwoCounters(), "rate({env=\"1\"}[5m])", 300_000, 600_000, 60_000));
        Assert.Equal("vector cannot contain metrics with the same labelset", e.Message);
    }

    [Theory]
    [InlineData("sum without (env) (b_total)", "{__type__=\"counter\"}")]
    [InlineData("b_total + 1", "{env=\"1\"}")]
    [InlineData("b_total == bool 1200", "{env=\"1\"}")]
    public void Instant_TypeLabel_GoesWithTheName(string query, string expected)
    {
        Assert.Equal(expected, Labels(Immediate.Instant(TwoCounters(), query, 600_000)));
        Assert.Equal(expected, Labels(Delayed.Instant(TwoCounters(), query, 600_000)));
    }
}
