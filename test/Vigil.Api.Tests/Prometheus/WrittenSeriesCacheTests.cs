using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using static Vigil.Api.Tests.Prometheus.RemoteWriteEncoder;

namespace Vigil.Api.Tests.Prometheus;

public sealed class WrittenSeriesCacheTests
{
    private static readonly (string, string)[] Up = [("__name__", "up"), ("job", "node")];

    [Fact]
    public void Decode_SameSeriesInTwoRequests_SameEntryReused()
    {
        var cache = new WrittenSeriesCache(new FakeTimeProvider());
        using var first = WriteRequestDecoder.Decode(Encode([new Series(Up, [(1000, 1)])]), cache);
        using var second = WriteRequestDecoder.Decode(Encode([new Series(Up, [(2000, 2)])]), cache);
        Assert.Same(first.Series(0), second.Series(0));
        Assert.Equal(LabelSet.Of("__name__", "up", "job", "node"), second.Labels(0));
        Assert.Equal([new WriteSample(2000, 2)], second.Samples(0).ToArray());
        Assert.Equal(1, cache.Count);
    }

    [Theory]
    [InlineData("job=node,__name__=up")]
    [InlineData("__name__=up,job=node,zone=")]
    public void Decode_SameLabelsOtherBytes_OwnEntryEqualLabels(string labels)
    {
        var cache = new WrittenSeriesCache(new FakeTimeProvider());
        var other = labels.Split(',').Select(p => (p.Split('=')[0], p.Split('=')[1])).ToArray();
        using var first = WriteRequestDecoder.Decode(Encode([new Series(Up, [(1000, 1)])]), cache);
        using var second = WriteRequestDecoder.Decode(Encode([new Series(other, [(2000, 2)])]), cache);
        Assert.NotSame(first.Series(0), second.Series(0));
        Assert.Equal(first.Labels(0), second.Labels(0));
    }

    [Fact]
    public void Decode_InvalidSeriesWrittenTwice_RefusedBothTimesNeverCached()
    {
        var cache = new WrittenSeriesCache(new FakeTimeProvider());
        var body = Encode([new Series([("job", "node")], [(1000, 1)])]);
        for (var i = 0; i < 2; i++)
        {
            var e = Assert.Throws<WriteRequestException>(() => WriteRequestDecoder.Decode(body, cache));
            Assert.Contains("no __name__ label", e.Message);
        }
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void SweepIfDue_EntryUnusedForAWholeInterval_Dropped()
    {
        var clock = new FakeTimeProvider();
        var cache = new WrittenSeriesCache(clock);
        var busy = cache.Add("busy"u8, LabelSet.Of("__name__", "busy"));
        cache.Add("idle"u8, LabelSet.Of("__name__", "idle"));
        clock.Advance(WrittenSeriesCache.SweepInterval);
        cache.SweepIfDue();
        // Both were used in the period just swept: both stay.
        Assert.Equal(2, cache.Count);
        Assert.Same(busy, cache.Find("busy"u8));
        clock.Advance(WrittenSeriesCache.SweepInterval);
        cache.SweepIfDue();
        Assert.Same(busy, cache.Find("busy"u8));
        Assert.Null(cache.Find("idle"u8));
    }

    [Fact]
    public void SweepIfDue_BeforeTheInterval_KeepsEverything()
    {
        var clock = new FakeTimeProvider();
        var cache = new WrittenSeriesCache(clock);
        cache.Add("a"u8, LabelSet.Of("__name__", "a"));
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(WrittenSeriesCache.SweepInterval / 4);
            cache.SweepIfDue();
        }
        Assert.NotNull(cache.Find("a"u8));
    }

    [Fact]
    public void Handle_SeriesWrittenAgain_KeepsStoragesLabelsAndAppends()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var storage = new HandleCountingStorage(new MemoryStorage());
        using var metrics = new RemoteWriteMetrics();
        var handler = new RemoteWriteHandler(storage, metrics, NullLogger.Instance, clock);
        Assert.Equal(204, handler.Handle(Encode([new Series(Up, [(1000, 1)])])).StatusCode);
        Assert.Equal(204, handler.Handle(Encode([new Series(Up, [(2000, 2), (3000, 3)])])).StatusCode);
        // The first append of the second request came with the handle the first request got.
        Assert.Equal([false, true, true], storage.HandleSeen);
        var stored = storage.Select(long.MinValue, long.MaxValue, [new Matcher(MatcherType.Equal, "__name__", "up")]).Single();
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2), new Sample(3000, 3)], stored.Samples(long.MinValue, long.MaxValue));
    }

    /// <summary>Records, per append, whether the writer passed a handle; hands out a handle on every append.</summary>
    private sealed class HandleCountingStorage(MemoryStorage inner) : IStorage
    {
        public List<bool> HandleSeen { get; } = [];

        public IAppender Appender() => new CountingAppender(inner.Appender(), this);

        public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) => inner.Select(mint, maxt, matchers);

        public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) => inner.LabelNames(mint, maxt, matchers);

        public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) => inner.LabelValues(name, mint, maxt, matchers);

        private sealed class CountingAppender(IAppender appender, HandleCountingStorage owner) : IAppender
        {
            public AppendStatus Append(LabelSet labels, long timestamp, double value) => appender.Append(labels, timestamp, value);

            public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestamp, double value)
            {
                owner.HandleSeen.Add(series.Series is not null);
                series = new SeriesRef(labels, labels);
                return appender.Append(labels, timestamp, value);
            }

            public void Commit() => appender.Commit();

            public void Rollback() => appender.Rollback();
        }
    }
}
