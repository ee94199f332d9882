using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Compaction;
using Vigil.Tsdb.Retention;
using Vigil.Tsdb.Tests.Blocks;
using static Vigil.Tsdb.Tests.Blocks.BlockTestKit;

namespace Vigil.Tsdb.Tests.Retention;

public sealed class RetentionEnforcerTests : IDisposable
{
    private const long Hour = 3_600_000;
    private static readonly LabelSet Up = LabelSet.Of("__name__", "up", "job", "node");

    private readonly TempDataDir _dir = new();
    private readonly ListLogger _logger = new();

    /// <summary>Five 2h blocks ending at 2h, 4h, ..., 10h; retention is measured from the newest end (10h).</summary>
    [Theory]
    [InlineData(4, "6-8 8-10")]
    [InlineData(5, "4-6 6-8 8-10")]
    [InlineData(6, "4-6 6-8 8-10")]
    [InlineData(100, "0-2 2-4 4-6 6-8 8-10")]
    public void Apply_TimeRetention_DeletesBlocksEndingThatLongBeforeTheNewest(int hours, string kept)
    {
        using var store = FiveBlocks();
        using var meter = new Meter("Vigil.Tsdb");
        using var retention = new RetentionEnforcer(store, new RetentionOptions(TimeSpan.FromHours(hours), null), _logger, meter: meter);
        using var counts = new CounterRecorder(meter);

        var deleted = retention.Apply();

        Assert.Equal(kept, Ranges(store));
        Assert.Equal(5 - deleted.Count, store.Blocks.Count);
        Assert.Equal(deleted.Count > 0 ? 1 : 0, counts.Total("prometheus_tsdb_time_retentions_total"));
        Assert.Equal(0, counts.Total("prometheus_tsdb_size_retentions_total"));
        Assert.All(deleted, m => Assert.False(Directory.Exists(Path.Combine(_dir.Path, m.Id))));
    }

    [Theory]
    [InlineData(0.5, 0, "")]
    [InlineData(1, 0, "8-10")]
    [InlineData(2, 0, "6-8 8-10")]
    [InlineData(3, 0, "4-6 6-8 8-10")]
    [InlineData(3, 1, "6-8 8-10")]
    [InlineData(100, 0, "0-2 2-4 4-6 6-8 8-10")]
    public void Apply_SizeRetention_KeepsNewestBlocksThatFit(double blocksWorth, double otherBlocksWorth, string kept)
    {
        using var store = FiveBlocks();
        var blockSize = store.Blocks.Max(b => b.SizeBytes);
        using var meter = new Meter("Vigil.Tsdb");
        var options = new RetentionOptions(null, (long)(blocksWorth * blockSize) + 1);
        using var retention = new RetentionEnforcer(store, options, _logger, () => (long)(otherBlocksWorth * blockSize), meter);
        using var counts = new CounterRecorder(meter);

        retention.Apply();

        Assert.Equal(kept, Ranges(store));
        Assert.Equal(kept.Split(' ').Length < 5 ? 1 : 0, counts.Total("prometheus_tsdb_size_retentions_total"));
    }

    [Fact]
    public void Apply_NoLimits_KeepsEverything()
    {
        using var store = FiveBlocks();
        using var retention = new RetentionEnforcer(store, new RetentionOptions(null, null), _logger);

        Assert.Empty(retention.Apply());
        Assert.Equal(5, store.Blocks.Count);
    }

    [Fact]
    public void RunOnce_DaysOfIngestOnAFakeClock_KeepsAboutTheRetention()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var head = new Vigil.Tsdb.Head.TsdbHead();
        using var store = BlockStore.Open(_dir.Path, _logger);
        using var retention = new RetentionEnforcer(store, new RetentionOptions(TimeSpan.FromHours(24), null), _logger);
        using var compactor = new Compactor(store, new HeadCompactionSource(head), BlockRanges.For(TimeSpan.FromHours(2), TimeSpan.FromHours(24)),
            retention, time, _logger);

        for (var minute = 0; minute < 3 * 24 * 60; minute++)
        {
            var appender = head.Appender();
            appender.Append(Up, time.GetUtcNow().ToUnixTimeMilliseconds(), minute);
            appender.Commit();
            if (minute % 60 == 0)
            {
                compactor.RunOnce();
            }
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var oldest = store.Blocks.Min(b => b.Meta.MinTime);
        var newestEnd = store.Blocks.Max(b => b.Meta.MaxTime);
        Assert.InRange(newestEnd - oldest, 24 * Hour, 26 * Hour);
        var samples = new FanoutStorage(head, store).Select(0, long.MaxValue, All).Single().Samples(0, long.MaxValue).ToList();
        Assert.Equal((3 * 24 * 60) - 1, samples[^1].Value);
        Assert.All(samples.Zip(samples.Skip(1)), pair =>
            Assert.Equal((60_000L, 1.0), (pair.Second.Timestamp - pair.First.Timestamp, pair.Second.Value - pair.First.Value)));
    }

    public void Dispose() => _dir.Dispose();

    private BlockStore FiveBlocks()
    {
        for (var h = 0; h < 10; h += 2)
        {
            WriteBlock(_dir.Path, Regular(h * Hour, (h + 2) * Hour, 60_000, Up), h * Hour, (h + 2) * Hour);
        }
        return BlockStore.Open(_dir.Path, _logger);
    }

    private static string Ranges(BlockStore store) =>
        string.Join(" ", store.Blocks.Select(b => $"{b.Meta.MinTime / Hour}-{b.Meta.MaxTime / Hour}"));
}

/// <summary>Sums the long counters of one meter, so tests read what a metrics exporter would.</summary>
internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = [];

    public CounterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (_totals)
            {
                _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
            }
        });
        _listener.Start();
    }

    public long Total(string name)
    {
        lock (_totals)
        {
            return _totals.GetValueOrDefault(name);
        }
    }

    public void Dispose() => _listener.Dispose();
}
