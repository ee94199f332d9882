using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head;
using static Vigil.Tsdb.Tests.Head.HeadAppendTests;

namespace Vigil.Tsdb.Tests.Head;

/// <summary>The appender remembers the previous call's series; switching between series must not lose track of either.</summary>
public sealed class HeadAppenderRunTests
{
    private static readonly LabelSet A = LabelSet.Of("__name__", "a");
    private static readonly LabelSet B = LabelSet.Of("__name__", "b");

    [Theory]
    [InlineData(3000L, 3.0, AppendStatus.Ok)]
    [InlineData(2000L, 2.0, AppendStatus.Ok)]
    [InlineData(2000L, 9.0, AppendStatus.DuplicateTimestamp)]
    [InlineData(1500L, 1.0, AppendStatus.OutOfOrder)]
    public void Append_BackToAnEarlierSeries_ChecksAgainstItsOwnBufferedSamples(long t, double v, AppendStatus expected)
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        Assert.Equal(AppendStatus.Ok, app.Append(A, 1000, 1));
        Assert.Equal(AppendStatus.Ok, app.Append(A, 2000, 2));
        Assert.Equal(AppendStatus.Ok, app.Append(B, 500, 5));
        Assert.Equal(expected, app.Append(A, t, v));
    }

    [Fact]
    public void Commit_InterleavedSeriesAndEqualLabelSetsFromOtherObjects_AllSamplesStoredInOrder()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        app.Append(A, 1000, 1);
        app.Append(B, 1000, 10);
        app.Append(LabelSet.Of("__name__", "a"), 2000, 2);
        app.Append(B, 2000, 20);
        app.Append(A, 3000, 3);
        app.Commit();
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2), new Sample(3000, 3)], Samples(head, "a"));
        Assert.Equal([new Sample(1000, 10), new Sample(2000, 20)], Samples(head, "b"));
        Assert.Equal(2, head.SeriesCount);
    }

    [Fact]
    public void Commit_AppenderReused_StartsFreshAfterEachCommit()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        app.Append(A, 1000, 1);
        app.Commit();
        Assert.Equal(AppendStatus.OutOfOrder, app.Append(A, 999, 1));
        Assert.Equal(AppendStatus.Ok, app.Append(A, 2000, 2));
        app.Commit();
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2)], Samples(head, "a"));
    }

    private static List<Sample> Samples(TsdbHead head, string name) =>
        [.. Assert.Single(head.Select(long.MinValue, long.MaxValue, [Eq("__name__", name)])).Samples(long.MinValue, long.MaxValue)];
}
