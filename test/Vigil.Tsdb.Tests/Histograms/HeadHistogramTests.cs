using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head;
using static Vigil.Tsdb.Tests.Histograms.HistogramTestData;

namespace Vigil.Tsdb.Tests.Histograms;

public sealed class HeadHistogramTests
{
    [Fact]
    public void HistogramSamples_CounterRun_HintsAsUpstreamReadsThem()
    {
        using var head = new TsdbHead();
        AppendOne(head, 1000, Counter(1));
        AppendOne(head, 2000, Counter(2));
        AppendOne(head, 3000, Counter(1));
        AppendOne(head, 4000, Counter(5, CounterResetHint.Reset));
        var read = Read(head);
        Assert.Equal(
            [CounterResetHint.Unknown, CounterResetHint.NotReset, CounterResetHint.Unknown, CounterResetHint.Unknown],
            read.Select(s => s.Histogram.Hint));
        Assert.Equal(Counter(2, CounterResetHint.NotReset), read[1].Histogram);
    }

    [Fact]
    public void HistogramSamples_AfterStaleMarker_FirstIsUnknownAgain()
    {
        using var head = new TsdbHead();
        AppendOne(head, 1000, Counter(1));
        var app = head.Appender();
        app.Append(Series, 2000, StaleNaN.Value);
        app.Commit();
        AppendOne(head, 3000, Counter(2));
        Assert.Equal([CounterResetHint.Unknown, CounterResetHint.Unknown], Read(head).Select(s => s.Histogram.Hint));
        var floats = head.Select(0, 5000, MatcherParser.ParseList("{__name__=\"latency\"}")).Single().Samples(0, 5000).ToList();
        Assert.True(Assert.Single(floats).IsStale);
    }

    [Fact]
    public void HistogramSamples_Gauge_StaysGauge()
    {
        using var head = new TsdbHead();
        AppendOne(head, 1000, Counter(2, CounterResetHint.Gauge));
        AppendOne(head, 2000, Counter(1, CounterResetHint.Gauge));
        Assert.All(Read(head), s => Assert.Equal(CounterResetHint.Gauge, s.Histogram.Hint));
    }

    public static TheoryData<long, bool, AppendStatus> SecondSamples => new()
    {
        { 500, false, AppendStatus.OutOfOrder },
        { 1000, false, AppendStatus.DuplicateTimestamp },
        { 1000, true, AppendStatus.Ok },
        { 2000, false, AppendStatus.Ok },
    };

    [Theory]
    [MemberData(nameof(SecondSamples))]
    public void AppendHistogram_AfterStoredHistogram_UpstreamReasons(long t, bool same, AppendStatus expected)
    {
        using var head = new TsdbHead();
        AppendOne(head, 1000, Counter(1));
        Assert.Equal(expected, AppendOne(head, t, same ? Counter(1, CounterResetHint.NotReset) : Counter(3)));
        Assert.Equal(expected == AppendStatus.Ok && !same ? 2 : 1, Read(head).Count);
    }

    [Fact]
    public void AppendHistogram_PendingInSameAppender_OrderAndDuplicatesChecked()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        Assert.Equal(AppendStatus.Ok, app.AppendHistogram(Series, 2000, Counter(2)));
        Assert.Equal(AppendStatus.OutOfOrder, app.AppendHistogram(Series, 1000, Counter(1)));
        Assert.Equal(AppendStatus.DuplicateTimestamp, app.AppendHistogram(Series, 2000, Counter(3)));
        Assert.Equal(AppendStatus.Ok, app.AppendHistogram(Series, 2000, Counter(2)));
        app.Commit();
        Assert.Single(Read(head));
    }

    [Fact]
    public void Append_FloatAtHistogramTimestamp_Duplicate()
    {
        using var head = new TsdbHead();
        AppendOne(head, 1000, Counter(1));
        var app = head.Appender();
        Assert.Equal(AppendStatus.DuplicateTimestamp, app.Append(Series, 1000, 0));
        Assert.Equal(AppendStatus.OutOfOrder, app.Append(Series, 999, 0));
    }

    [Fact]
    public void Select_SeriesSwitchingKinds_EachKindAtItsTimes()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        app.Append(Series, 1000, 1);
        app.Commit();
        AppendOne(head, 2000, Counter(1));
        app = head.Appender();
        app.Append(Series, 3000, 3);
        app.Commit();
        AppendOne(head, 4000, Counter(2));
        var series = head.Select(0, 5000, MatcherParser.ParseList("{job=\"api\"}")).Single();
        Assert.Equal([1000L, 3000], series.Samples(0, 5000).Select(s => s.Timestamp));
        Assert.Equal([2000L, 4000], series.HistogramSamples(0, 5000).Select(s => s.Timestamp));
        Assert.Equal(CounterResetHint.Unknown, series.HistogramSamples(0, 5000).Last().Histogram.Hint);
        Assert.Equal([4000L], series.HistogramSamples(3500, 5000).Select(s => s.Timestamp));
    }

    [Fact]
    public void MayHoldHistograms_FloatOnlyHead_FalseUntilAHistogramArrives()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        app.Append(LabelSet.Of("__name__", "up"), 1000, 1);
        app.Commit();
        Assert.False(((ISeriesQuerier)head).MayHoldHistograms);
        AppendOne(head, 1000, Counter(1));
        Assert.True(((ISeriesQuerier)head).MayHoldHistograms);
    }

    [Fact]
    public void Truncate_AllHistogramsOld_DropsThemAndFlag()
    {
        using var head = new TsdbHead();
        for (var i = 1; i <= 200; i++)
        {
            AppendOne(head, i * 60_000L, Counter(i));
        }
        head.Truncate(long.MaxValue);
        Assert.Empty(Read(head));
        Assert.False(head.MayHoldHistograms);
        Assert.Equal(0, head.SeriesCount);
    }

    [Fact]
    public void Delete_RangeOfHistogramSeries_HidesThoseHistograms()
    {
        using var head = new TsdbHead();
        for (var i = 1; i <= 300; i++)
        {
            AppendOne(head, i * 15_000L, Counter(i));
        }
        head.Delete(15_000, 150 * 15_000L, MatcherParser.ParseList("{__name__=\"latency\"}"));
        Assert.Equal(Enumerable.Range(151, 150).Select(i => i * 15_000L), Read(head).Select(s => s.Timestamp));
    }

    [Fact]
    public void Select_ManyChunks_AllSamplesInOrder()
    {
        using var head = new TsdbHead();
        for (var i = 1; i <= 500; i++)
        {
            AppendOne(head, i * 15_000L, Counter(i));
        }
        var read = Read(head);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => i * 15_000L), read.Select(s => s.Timestamp));
        Assert.Equal(Counter(500, CounterResetHint.NotReset), read[^1].Histogram);
    }
}
