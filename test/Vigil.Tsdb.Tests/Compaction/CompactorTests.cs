using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Compaction;
using Vigil.Tsdb.Tests.Blocks;
using static Vigil.Tsdb.Tests.Blocks.BlockTestKit;

namespace Vigil.Tsdb.Tests.Compaction;

public sealed class CompactorTests : IDisposable
{
    private const long Hour = 3_600_000;
    private static readonly long[] Ranges = [2 * Hour, 6 * Hour, 18 * Hour];
    private static readonly LabelSet[] Series =
    [
        LabelSet.Of("__name__", "up", "job", "node", "instance", "a"),
        LabelSet.Of("__name__", "up", "job", "node", "instance", "b"),
        LabelSet.Of("__name__", "load", "job", "node", "instance", "a"),
    ];

    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly ListLogger _logger = new();

    [Theory]
    [InlineData(3, 0, 0)]
    [InlineData(3.5, 1, 0)]
    [InlineData(10, 4, 1)]
    public void RunOnce_HeadSpanningHours_PersistsOldRangesAndKeepsAllData(double hours, int headBlocks, int merged)
    {
        using var head = new Vigil.Tsdb.Head.TsdbHead();
        var oracle = new MemoryStorage();
        Fill(0, (long)(hours * Hour), head, oracle);
        using var store = BlockStore.Open(_dir.Path, _logger);
        using var compactor = new Compactor(store, new HeadCompactionSource(head), Ranges, null, _time, _logger);

        var result = compactor.RunOnce();

        Assert.Equal(new CompactionResult(headBlocks, merged, 0, false), result);
        AssertSameData(oracle, new FanoutStorage(head, store), 0, (long)(hours * Hour), All);
        if (headBlocks > 0)
        {
            Assert.True(head.MinTime >= store.Blocks.Max(b => b.Meta.MaxTime) - Hour, "the head let go of what the blocks hold");
        }
    }

    [Fact]
    public void RunOnce_TenHoursOfHead_BlocksAlignedAndMergedSourcesDeleted()
    {
        using var head = new Vigil.Tsdb.Head.TsdbHead();
        Fill(0, 10 * Hour, head, new MemoryStorage());
        using var store = BlockStore.Open(_dir.Path, _logger);
        using var compactor = new Compactor(store, new HeadCompactionSource(head), Ranges, null, _time, _logger);

        compactor.RunOnce();

        Assert.Equal([(0L, 6 * Hour, 2), (6 * Hour, 8 * Hour, 1)],
            store.Blocks.Select(b => (b.Meta.MinTime, b.Meta.MaxTime, b.Meta.Compaction.Level)));
        Assert.Equal(3, store.Blocks[0].Meta.Compaction.Sources.Count);
        Assert.Equal(store.Blocks.Select(b => b.Meta.Id).Order(), Directory.GetDirectories(_dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal(6 * Hour / 15_000 * Series.Length, store.Blocks[0].Meta.Stats.NumSamples);
    }

    [Fact]
    public void RunOnce_OverlappingBlocks_MergedBlockEqualsUnionOfInputs()
    {
        var first = new MemoryStorage();
        var second = new MemoryStorage();
        Fill(0, 2 * Hour, first, first);
        Fill(Hour, 3 * Hour, second, second, step: 10_000, extra: LabelSet.Of("__name__", "only_second"));
        WriteBlock(_dir.Path, first, 0, 2 * Hour, _time);
        WriteBlock(_dir.Path, second, Hour, 3 * Hour, _time);
        using var store = BlockStore.Open(_dir.Path, _logger);
        var union = new MergingQuerier(store.Blocks.ToArray<Storage.ISeriesQuerier>());
        var expected = Dump(union, 0, 3 * Hour, All);
        using var compactor = new Compactor(store, null, Ranges, null, _time, _logger);

        var result = compactor.RunOnce();

        Assert.Equal(1, result.MergedBlocks);
        var block = Assert.Single(store.Blocks);
        Assert.Equal((0L, 3 * Hour), (block.Meta.MinTime, block.Meta.MaxTime));
        var actual = Dump(block, 0, 3 * Hour, All);
        Assert.Equal(expected.Select(s => s.Labels), actual.Select(s => s.Labels));
        Assert.Equal(expected.Select(s => s.Samples), actual.Select(s => s.Samples));
    }

    [Fact]
    public void RunOnce_Restart_ReopenedStoreServesTheSameData()
    {
        using var head = new Vigil.Tsdb.Head.TsdbHead();
        var oracle = new MemoryStorage();
        Fill(0, 10 * Hour, head, oracle);
        using (var store = BlockStore.Open(_dir.Path, _logger))
        {
            using var compactor = new Compactor(store, new HeadCompactionSource(head), Ranges, null, _time, _logger);
            compactor.RunOnce();
        }

        using var reopened = BlockStore.Open(_dir.Path, _logger);

        AssertSameData(oracle, new FanoutStorage(head, reopened), 0, 10 * Hour, All);
        Assert.DoesNotContain(_logger.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    public void Dispose() => _dir.Dispose();

    private static void Fill(long from, long to, Storage.IStorage target, MemoryStorage oracle, long step = 15_000, LabelSet? extra = null)
    {
        var appender = target.Appender();
        var copy = oracle.Appender();
        foreach (var labels in extra is null ? Series : [.. Series, extra])
        {
            for (var t = from; t < to; t += step)
            {
                var value = (t / step % 97) + (labels.Count * 0.25);
                Assert.Equal(Storage.AppendStatus.Ok, appender.Append(labels, t, value));
                if (!ReferenceEquals(target, oracle))
                {
                    copy.Append(labels, t, value);
                }
            }
        }
        appender.Commit();
        copy.Commit();
    }
}
