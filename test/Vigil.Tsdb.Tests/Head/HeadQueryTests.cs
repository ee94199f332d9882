using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Tests.Head;

public sealed class HeadQueryTests
{
    private static readonly LabelSet[] Series =
    [
        LabelSet.Of("__name__", "up", "job", "api", "instance", "a"),
        LabelSet.Of("__name__", "up", "job", "api", "instance", "b"),
        LabelSet.Of("__name__", "up", "job", "db", "instance", "a"),
        LabelSet.Of("__name__", "up", "job", "db"),
        LabelSet.Of("__name__", "http_requests_total", "job", "api", "code", "200"),
    ];

    [Theory]
    [InlineData("{__name__=\"up\"}", "0,1,2,3")]
    [InlineData("{job=\"api\"}", "0,1,4")]
    [InlineData("{__name__=\"up\",instance=\"a\"}", "0,2")]
    [InlineData("{__name__=\"up\",instance=\"\"}", "3")]
    [InlineData("{__name__=\"up\",instance!=\"\"}", "0,1,2")]
    [InlineData("{__name__=\"up\",instance!=\"a\"}", "1,3")]
    [InlineData("{__name__=\"up\",instance=~\".*\"}", "0,1,2,3")]
    [InlineData("{__name__=\"up\",instance=~\".+\"}", "0,1,2")]
    [InlineData("{__name__=\"up\",instance=~\"a|\"}", "0,2,3")]
    [InlineData("{__name__=\"up\",instance!~\"a|b\"}", "3")]
    [InlineData("{job=~\"a.*\"}", "0,1,4")]
    [InlineData("{job!=\"api\"}", "2,3")]
    [InlineData("{code=\"500\"}", "")]
    [InlineData("{missing=\"\"}", "0,1,2,3,4")]
    [InlineData("{missing!=\"\"}", "")]
    [InlineData("{__name__=~\"up|http_requests_total\",job=\"api\",code=~\"2..\"}", "4")]
    public void Select_Matchers_FollowUpstreamSemantics(string selector, string expected)
    {
        using var head = Loaded();
        var want = expected.Length == 0 ? [] : expected.Split(',').Select(i => Series[int.Parse(i)]).Order(LabelSetComparer.Instance).ToList();
        var got = head.Select(0, 100, MatcherParser.ParseList(selector)).Select(s => s.Labels).ToList();
        Assert.Equal(want, got);
    }

    [Fact]
    public void Select_Always_ReturnsSeriesSortedByLabels()
    {
        using var head = Loaded();
        var got = head.Select(0, 100, []).Select(s => s.Labels).ToList();
        Assert.Equal(got.Order(LabelSetComparer.Instance), got);
    }

    [Theory]
    [InlineData(0L, 100L, 5)]
    [InlineData(10L, 10L, 5)]
    [InlineData(11L, 100L, 0)]
    [InlineData(-100L, 9L, 0)]
    public void Select_TimeRange_KeepsOnlySeriesWithSamplesThere(long mint, long maxt, int expected)
    {
        using var head = Loaded();
        Assert.Equal(expected, head.Select(mint, maxt, []).Count());
    }

    [Fact]
    public void LabelNamesAndValues_NoMatchers_ComeFromTheIndexSorted()
    {
        using var head = Loaded();
        Assert.Equal(["__name__", "code", "instance", "job"], head.LabelNames(long.MinValue, long.MaxValue, []));
        Assert.Equal(["api", "db"], head.LabelValues("job", long.MinValue, long.MaxValue, []));
    }

    [Fact]
    public void LabelNamesAndValues_WithMatchers_CoverOnlyMatchingSeries()
    {
        using var head = Loaded();
        var matchers = MatcherParser.ParseList("{job=\"db\"}");
        Assert.Equal(["__name__", "instance", "job"], head.LabelNames(0, 100, matchers));
        Assert.Equal(["a"], head.LabelValues("instance", 0, 100, matchers));
    }

    [Fact]
    public void Truncate_OldChunksAndEmptiedSeries_AreDropped()
    {
        using var head = new TsdbHead();
        var old = LabelSet.Of("__name__", "old");
        var live = LabelSet.Of("__name__", "live");
        var app = head.Appender();
        for (var i = 0; i < 480; i++)
        {
            app.Append(live, i * 15_000L, i);
            if (i < 100)
            {
                app.Append(old, i * 15_000L, i);
            }
        }
        app.Commit();
        head.Truncate(200 * 15_000L);
        Assert.Equal(1, head.SeriesCount);
        Assert.Equal(["live"], head.LabelValues("__name__", long.MinValue, long.MaxValue, []));
        var samples = Assert.Single(head.Select(long.MinValue, long.MaxValue, [])).Samples(long.MinValue, long.MaxValue).ToList();
        // Chunks hold 120 samples: the one holding sample 200 (120..239) survives whole.
        Assert.Equal(120 * 15_000L, samples[0].Timestamp);
        Assert.Equal(120 * 15_000L, head.MinTime);
    }

    [Fact]
    public void Truncate_SeriesWithPendingAppender_SurvivesAndTakesTheCommit()
    {
        using var head = new TsdbHead();
        var labels = LabelSet.Of("__name__", "x");
        HeadAppendTests.Commit(head, (labels, 1000, 1.0));
        var app = head.Appender();
        app.Append(labels, 2000, 2);
        head.Truncate(5000);
        app.Commit();
        var series = Assert.Single(head.Select(0, 5000, []));
        Assert.Equal([new Sample(2000, 2)], series.Samples(0, 5000));
    }

    [Fact]
    public void Samples_ChunksNeverSpanATwoHourBoundary()
    {
        using var head = new TsdbHead();
        var labels = LabelSet.Of("__name__", "x");
        var boundary = 7_200_000L;
        HeadAppendTests.Commit(head, (labels, boundary - 1, 1.0), (labels, boundary, 2.0), (labels, boundary + 1, 3.0));
        var series = Assert.Single(head.Select(boundary, boundary + 10, []));
        Assert.Equal([new Sample(boundary, 2), new Sample(boundary + 1, 3)], series.Samples(boundary, boundary + 10));
    }

    [Theory]
    [InlineData(0L, 10_000_000L)]
    [InlineData(1_000_000L, 2_000_000L)]
    [InlineData(7_199_999L, 7_200_001L)]
    [InlineData(1_234L, 1_234L)]
    [InlineData(15_000L, 15_000L)]
    [InlineData(8_985_000L, 20_000_000L)]
    [InlineData(9_000_000L, 20_000_000L)]
    public void CopySamples_AcrossChunks_MatchesTheSamplesInRange(long mint, long maxt)
    {
        using var head = new TsdbHead();
        var labels = LabelSet.Of("__name__", "x");
        var written = Enumerable.Range(0, 600).Select(i => (labels, i * 15_000L, (double)i)).ToArray();
        HeadAppendTests.Commit(head, written);
        var series = Assert.Single(head.Select(0, 10_000_000L, []));
        var buffer = new List<Sample> { new(-1, -1) };

        series.CopySamples(mint, maxt, buffer);

        var expected = written.Where(w => w.Item2 >= mint && w.Item2 <= maxt).Select(w => new Sample(w.Item2, w.Item3));
        Assert.Equal([new Sample(-1, -1), .. expected], buffer);
    }

    private static TsdbHead Loaded()
    {
        var head = new TsdbHead();
        HeadAppendTests.Commit(head, Series.Select(s => (s, 10L, 1.0)).ToArray());
        return head;
    }
}
