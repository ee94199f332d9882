using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class QueryLimitsTests
{
    private const string TooManySamples = "query processing would load too many samples into memory in query execution";

    private static MemoryStorage Hosts(int count)
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var h = 0; h < count; h++)
        {
            for (var i = 0; i <= 20; i++)
            {
                app.Append(LabelSet.Of("__name__", "up", "instance", "host" + h), i * 15_000L, 1);
            }
        }
        app.Commit();
        return storage;
    }

    [Theory]
    [InlineData("up", 4)]
    [InlineData("up[1m]", 19)]
    [InlineData("max_over_time(up[5m:15s])", 50)]
    public void Instant_OverMaxSamples_FailsWithUpstreamMessage(string query, int maxSamples)
    {
        var engine = new QueryEngine(new EngineOptions { MaxSamples = maxSamples });

        var e = Assert.Throws<QueryException>(() => engine.Instant(Hosts(5), query, 300_000));

        Assert.Equal(TooManySamples, e.Message);
    }

    [Fact]
    public void Instant_AtMaxSamples_Succeeds()
    {
        var engine = new QueryEngine(new EngineOptions { MaxSamples = 5 });

        var result = engine.Instant(Hosts(5), "up", 300_000);

        Assert.Equal(5, ((VectorValue)result.Value).Samples.Count);
    }

    [Fact]
    public void Range_ResultPointsCountTowardsMaxSamples_Fails()
    {
        // Each step loads only 5 samples, but the 21 steps' result holds 105 points.
        var engine = new QueryEngine(new EngineOptions { MaxSamples = 100 });

        var e = Assert.Throws<QueryException>(() => engine.Range(Hosts(5), "up", 0, 300_000, 15_000));

        Assert.Equal(TooManySamples, e.Message);
    }

    [Fact]
    public void Range_ResultUnderMaxSamples_Succeeds()
    {
        var engine = new QueryEngine(new EngineOptions { MaxSamples = 110 });

        var result = engine.Range(Hosts(5), "up", 0, 300_000, 15_000);

        Assert.Equal(105, ((MatrixValue)result.Value).Series.Sum(s => s.Points.Count));
    }

    [Fact]
    public void Range_SlowerThanTimeout_FailsWithUpstreamMessage()
    {
        var clock = new FakeTimeProvider();
        var storage = new SlowStorage(Hosts(3), clock, TimeSpan.FromSeconds(30));
        var engine = new QueryEngine(new EngineOptions { Timeout = TimeSpan.FromMinutes(1), Time = clock });

        var e = Assert.Throws<QueryException>(() => engine.Range(storage, "up + on(instance) up + on(instance) up", 0, 300_000, 15_000));

        Assert.Equal("query timed out in query execution", e.Message);
    }

    [Fact]
    public void Range_FasterThanTimeout_Succeeds()
    {
        var clock = new FakeTimeProvider();
        var storage = new SlowStorage(Hosts(3), clock, TimeSpan.FromSeconds(10));
        var engine = new QueryEngine(new EngineOptions { Timeout = TimeSpan.FromMinutes(1), Time = clock });

        var result = engine.Range(storage, "up + on(instance) up", 0, 300_000, 15_000);

        Assert.Equal(3, ((MatrixValue)result.Value).Series.Count);
    }

    /// <summary>A storage whose every read advances a fake clock, standing in for a slow disk.</summary>
    private sealed class SlowStorage(ISeriesQuerier inner, FakeTimeProvider clock, TimeSpan perSelect) : ISeriesQuerier
    {
        public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
        {
            clock.Advance(perSelect);
            return inner.Select(mint, maxt, matchers);
        }
    }
}
