using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Blocks;
using static Vigil.Tsdb.Tests.Blocks.BlockTestKit;

namespace Vigil.Tsdb.Tests.Blocks;

public sealed class MergingQuerierTests
{
    private static readonly LabelSet A = LabelSet.Of("__name__", "m", "i", "a");
    private static readonly LabelSet B = LabelSet.Of("__name__", "m", "i", "b");

    [Fact]
    public void Select_SeriesInTwoSources_MergedByTimeWithEqualTimestampsOnce()
    {
        var first = Storage((A, 1, 1), (A, 3, 3), (A, 5, 5));
        var second = Storage((A, 2, 20), (A, 3, 30), (A, 6, 60), (B, 1, 100));

        var merged = new MergingQuerier(first, second).Select(0, 10, All).ToList();

        Assert.Equal([A, B], merged.Select(s => s.Labels));
        Assert.Equal([new Sample(1, 1), new Sample(2, 20), new Sample(3, 3), new Sample(5, 5), new Sample(6, 60)], merged[0].Samples(0, 10));
        Assert.Equal([new Sample(1, 100)], merged[1].Samples(0, 10));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(2, 5)]
    [InlineData(4, 4)]
    [InlineData(7, 9)]
    public void CopySamples_ThreeSources_SameAsSamples(long mint, long maxt)
    {
        var merged = new MergingQuerier(
            Storage((A, 1, 1), (A, 3, 3), (A, 5, 5)),
            Storage((A, 2, 20), (A, 3, 30), (A, 6, 60)),
            Storage((A, 0, 0), (A, 5, 50), (A, 6, 61), (A, 7, 70)));
        var series = merged.Select(mint, maxt, All).Single();
        var copied = new List<Sample> { new(-1, -1) };

        series.CopySamples(mint, maxt, copied);

        Assert.Equal([new Sample(-1, -1), .. series.Samples(mint, maxt)], copied);
    }

    [Fact]
    public void Select_RangeNarrowerThanData_OnlySamplesInRange()
    {
        var merged = new MergingQuerier(Storage((A, 1, 1), (A, 4, 4)), Storage((A, 2, 2), (A, 6, 6)));

        Assert.Equal([2L, 4L], merged.Select(2, 5, All).Single().Samples(2, 5).Select(s => s.Timestamp));
    }

    [Fact]
    public void LabelQueries_TwoSources_UnionSorted()
    {
        var merged = new MergingQuerier(Storage((A, 1, 1)), Storage((B.With("x", "y"), 1, 1)));

        Assert.Equal(["__name__", "i", "x"], merged.LabelNames(0, 10, All));
        Assert.Equal(["a", "b"], merged.LabelValues("i", 0, 10, All));
    }

    [Fact]
    public void FanoutStorage_AppendsToHeadAndReadsBlocksToo()
    {
        using var dir = new TempDataDir();
        WriteBlock(dir.Path, Storage((A, 1, 1), (A, 2, 2)), 0, 10);
        using var blocks = BlockStore.Open(dir.Path, new ListLogger());
        var head = new MemoryStorage();
        var storage = new FanoutStorage(head, blocks);

        var appender = storage.Appender();
        appender.Append(A, 12, 12);
        appender.Commit();

        Assert.Equal([1L, 2L, 12L], storage.Select(0, 20, All).Single().Samples(0, 20).Select(s => s.Timestamp));
        Assert.Single(head.Select(0, 20, All));
    }

    private static MemoryStorage Storage(params (LabelSet Labels, long T, double V)[] samples)
    {
        var storage = new MemoryStorage();
        var appender = storage.Appender();
        foreach (var (labels, t, v) in samples)
        {
            appender.Append(labels, t, v);
        }
        appender.Commit();
        return storage;
    }
}
