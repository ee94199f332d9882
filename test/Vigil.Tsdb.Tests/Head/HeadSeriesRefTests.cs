using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head;
using Vigil.Tsdb.Tests.Wal;
using static Vigil.Tsdb.Tests.Head.HeadAppendTests;

namespace Vigil.Tsdb.Tests.Head;

/// <summary>Appending by the handle a previous append returned: used while valid, never into a dropped or foreign series.</summary>
public sealed class HeadSeriesRefTests
{
    private static readonly LabelSet A = LabelSet.Of("__name__", "a");
    private static readonly LabelSet B = LabelSet.Of("__name__", "b");

    [Fact]
    public void Append_NoHandle_ReturnsOneThatNamesTheSameSeriesNextTime()
    {
        using var head = new TsdbHead();
        var handle = SeriesRef.None;
        AppendAndCommit(head, ref handle, A, 1000, 1);
        var first = handle;
        AppendAndCommit(head, ref handle, LabelSet.Of("__name__", "a"), 2000, 2);
        Assert.NotEqual(SeriesRef.None, first);
        Assert.Equal(first, handle);
        Assert.Equal(A, handle.Labels);
        Assert.NotSame(A, handle.Labels);
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2)], Samples(head, "a"));
        Assert.Equal(1, head.SeriesCount);
    }

    [Fact]
    public void Append_HandleOfSeriesDroppedByTruncation_CreatesTheSeriesAgainByLabels()
    {
        using var head = new TsdbHead();
        var handle = SeriesRef.None;
        AppendAndCommit(head, ref handle, A, 1000, 1);
        var stale = handle;
        head.Truncate(5000);
        Assert.Equal(0, head.SeriesCount);

        AppendAndCommit(head, ref handle, A, 6000, 6);

        Assert.NotEqual(stale, handle);
        Assert.Equal([new Sample(6000, 6)], Samples(head, "a"));
        Assert.Equal(1, head.SeriesCount);
    }

    [Fact]
    public void Append_HandleHeldAcrossTruncationWhileOtherSeriesLive_WritesOnlyIntoTheLiveSeries()
    {
        using var head = new TsdbHead();
        var handleA = SeriesRef.None;
        var handleB = SeriesRef.None;
        AppendAndCommit(head, ref handleA, A, 1000, 1);
        AppendAndCommit(head, ref handleB, B, 9000, 9);
        head.Truncate(5000);

        // The stale handle of "a" must not resurrect the dropped object: the sample lands in the series a query sees.
        AppendAndCommit(head, ref handleA, A, 10_000, 10);

        Assert.Equal([new Sample(10_000, 10)], Samples(head, "a"));
        Assert.Equal([new Sample(9000, 9)], Samples(head, "b"));
    }

    [Fact]
    public void Append_HandleFromAnotherHead_IsIgnoredAndReplaced()
    {
        using var other = new TsdbHead();
        using var head = new TsdbHead();
        var handle = SeriesRef.None;
        AppendAndCommit(other, ref handle, A, 1000, 1);
        var foreign = handle;

        AppendAndCommit(head, ref handle, A, 2000, 2);

        Assert.NotEqual(foreign, handle);
        Assert.Equal([new Sample(2000, 2)], Samples(head, "a"));
        Assert.Equal([new Sample(1000, 1)], Samples(other, "a"));
    }

    [Theory]
    [InlineData(3000L, 3.0, AppendStatus.Ok)]
    [InlineData(2000L, 2.0, AppendStatus.Ok)]
    [InlineData(2000L, 9.0, AppendStatus.DuplicateTimestamp)]
    [InlineData(1500L, 1.0, AppendStatus.OutOfOrder)]
    public void Append_ByHandle_ChecksLikeAppendByLabels(long t, double v, AppendStatus expected)
    {
        using var head = new TsdbHead();
        var handle = SeriesRef.None;
        AppendAndCommit(head, ref handle, A, 2000, 2);
        var app = head.Appender();
        Assert.Equal(expected, app.Append(ref handle, A, t, v));
    }

    [Fact]
    public void Append_HandleAfterReopeningTheStorage_FallsBackToLabelsAndKeepsEverySample()
    {
        using var dir = new TempDirectory();
        var handle = SeriesRef.None;
        using (var db = TsdbStorage.Open(new TsdbOptions { Path = dir.Path }, TimeProvider.System, new ListLoggerFactory()))
        {
            var app = db.Appender();
            app.Append(ref handle, A, 1000, 1);
            app.Commit();
        }
        using var reopened = TsdbStorage.Open(new TsdbOptions { Path = dir.Path }, TimeProvider.System, new ListLoggerFactory());
        var again = reopened.Appender();
        Assert.Equal(AppendStatus.Ok, again.Append(ref handle, A, 2000, 2));
        again.Commit();
        var renewed = handle;
        var third = reopened.Appender();
        third.Append(ref handle, A, 3000, 3);
        third.Commit();

        Assert.Equal(renewed, handle);
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2), new Sample(3000, 3)], Samples(reopened.Head, "a"));
    }

    private static void AppendAndCommit(TsdbHead head, ref SeriesRef handle, LabelSet labels, long t, double v)
    {
        var app = head.Appender();
        Assert.Equal(AppendStatus.Ok, app.Append(ref handle, labels, t, v));
        app.Commit();
    }

    private static List<Sample> Samples(TsdbHead head, string name) =>
        [.. Assert.Single(head.Select(long.MinValue, long.MaxValue, [Eq("__name__", name)])).Samples(long.MinValue, long.MaxValue)];
}
