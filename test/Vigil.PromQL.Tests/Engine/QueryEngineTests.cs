using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class QueryEngineTests
{
    private static MemoryStorage Counter()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var i = 0; i <= 10; i++)
        {
            app.Append(LabelSet.Of("__name__", "requests_total", "job", "api"), i * 60_000L, i * 60);
        }
        app.Commit();
        return storage;
    }

    [Theory]
    [InlineData("rate(requests_total[5m])", 1)]
    [InlineData("increase(requests_total[5m])", 300)]
    [InlineData("sum(requests_total)", 600)]
    [InlineData("requests_total offset 5m", 300)]
    [InlineData("requests_total @ 120", 120)]
    public void Instant_CounterQuery_MatchesUpstreamValues(string query, double expected)
    {
        var result = new QueryEngine().Instant(Counter(), query, 600_000);

        var sample = Assert.Single(((VectorValue)result.Value).Samples);
        Assert.Equal(expected, sample.Value, 9);
    }

    [Fact]
    public void Range_StepsOverWindow_ReturnsOnePointPerStep()
    {
        var result = new QueryEngine().Range(Counter(), "requests_total", 0, 300_000, 60_000);

        var series = Assert.Single(((MatrixValue)result.Value).Series);
        Assert.Equal(6, series.Points.Count);
    }

    [Fact]
    public void Instant_TooManySamples_Fails()
    {
        var engine = new QueryEngine(new EngineOptions { MaxSamples = 3 });

        var e = Assert.Throws<QueryException>(() => engine.Instant(Counter(), "requests_total[10m]", 600_000));
        Assert.Contains("too many samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instant_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new QueryEngine().Instant(Counter(), "requests_total", 0, cts.Token));
    }

    [Fact]
    public void Instant_RateOnNonCounterName_AddsInfo()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.Append(LabelSet.Of("__name__", "temperature"), 0, 1);
        app.Append(LabelSet.Of("__name__", "temperature"), 60_000, 2);
        app.Commit();

        var result = new QueryEngine().Instant(storage, "rate(temperature[5m])", 60_000);

        Assert.Contains(result.Infos, i => i.Contains("might not be a counter", StringComparison.Ordinal));
    }
}
