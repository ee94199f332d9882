using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Histograms;
using Vigil.Storage;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Compaction;
using Vigil.Tsdb.Tests.Blocks;
using static Vigil.Tsdb.Tests.Histograms.HistogramTestData;

namespace Vigil.Tsdb.Tests.Histograms;

public sealed class HistogramBlockTests : IDisposable
{
    private const long Hour = 3_600_000;

    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RunOnce_ThenRestart_HistogramsInBlocksAndHeadMatchTheOracle()
    {
        var oracle = new MemoryStorage();
        using (var tsdb = TsdbStorage.Open(new TsdbOptions { Path = _dir.Path }, _time, NullLoggerFactory.Instance))
        using (var db = PersistentDatabase.Open(tsdb, NullLoggerFactory.Instance))
        {
            Append(db.Storage, oracle, 0, 10 * Hour);
            var result = db.RunOnce();
            Assert.Equal((4, 1, false), (result.HeadBlocks, result.MergedBlocks, result.Failed));
            Assert.True(db.Blocks.MayHoldHistograms);
            Append(db.Storage, oracle, 10 * Hour, 11 * Hour);
            AssertSame(oracle, db.Storage);
        }
        using var reopened = TsdbStorage.Open(new TsdbOptions { Path = _dir.Path }, _time, NullLoggerFactory.Instance);
        using var again = PersistentDatabase.Open(reopened, NullLoggerFactory.Instance);
        Assert.True(again.Storage.MayHoldHistograms);
        // The head's chunk from 8h comes back from the chunk files as it was written (as upstream's m-mapped chunks do),
        // so its first histogram keeps the hint it had before the restart.
        AssertSame(oracle, again.Storage);
    }

    [Fact]
    public void RunOnce_FloatOnlyData_BlocksSayNoHistograms()
    {
        using var tsdb = TsdbStorage.Open(new TsdbOptions { Path = _dir.Path }, _time, NullLoggerFactory.Instance);
        using var db = PersistentDatabase.Open(tsdb, NullLoggerFactory.Instance);
        var app = db.Storage.Appender();
        for (var t = 0L; t < 4 * Hour; t += 60_000)
        {
            app.Append(Series, t, t);
        }
        app.Commit();
        db.RunOnce();
        Assert.NotEmpty(db.Blocks.Blocks);
        Assert.False(db.Storage.MayHoldHistograms);
        Assert.DoesNotContain("numHistogramSamples", File.ReadAllText(Path.Combine(db.Blocks.Blocks[0].Directory, "meta.json")), StringComparison.Ordinal);
    }

    // Counter histograms every minute with a reset every 3h, a stale marker now and then, and a float sample every
    // 50 minutes: runs of both kinds cross block boundaries, so hints must survive head -> block -> merged block.
    private static void Append(IStorage storage, MemoryStorage oracle, long from, long to)
    {
        var appender = storage.Appender();
        var copy = oracle.Appender();
        for (var t = from; t < to; t += 60_000)
        {
            var minute = (int)(t / 60_000);
            if (minute % 50 == 49)
            {
                var v = minute % 100 == 99 ? StaleNaN.Value : minute;
                Assert.Equal(AppendStatus.Ok, appender.Append(Series, t, v));
                copy.Append(Series, t, v);
                continue;
            }
            var h = Counter(1 + (minute % 180), minute % 360 == 200 ? CounterResetHint.Gauge : CounterResetHint.Unknown);
            Assert.Equal(AppendStatus.Ok, appender.AppendHistogram(Series, t, h));
            copy.AppendHistogram(Series, t, h);
        }
        appender.Commit();
        copy.Commit();
    }

    private static void AssertSame(MemoryStorage oracle, IStorage storage, long unknownAt = -1)
    {
        var expected = Read(oracle);
        var actual = Read(storage);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(
                expected[i].Timestamp == unknownAt ? expected[i] with { Histogram = expected[i].Histogram.WithHint(CounterResetHint.Unknown) } : expected[i],
                actual[i]);
        }
        var matchers = Model.Labels.MatcherParser.ParseList("{__name__=\"latency\"}");
        Assert.Equal(
            oracle.Select(0, long.MaxValue, matchers).Single().Samples(0, long.MaxValue).Select(s => (s.Timestamp, BitConverter.DoubleToUInt64Bits(s.Value))),
            storage.Select(0, long.MaxValue, matchers).Single().Samples(0, long.MaxValue).Select(s => (s.Timestamp, BitConverter.DoubleToUInt64Bits(s.Value))));
    }
}
