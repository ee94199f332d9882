using Vigil.Model.Histograms;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Tests.Engine;

public sealed class ExtendedHistogramRangeTests
{
    // anchored and smoothed need promql-extended-range-selectors; these tests are about evaluation.
    private static readonly EngineOptions AllLanguage = new() { Parser = ParserOptions.AllEnabled };

    private static QueryResult Query(string query, long at) => new QueryEngine(AllLanguage).Instant(HistogramRangeData.Storage(), query, at);

    private static List<VectorSample> Samples(QueryResult result) => ((VectorValue)result.Value).Samples;

    [Theory]
    [InlineData("increase(c[1m] anchored)", 150_000, 1)] // anchor 2 at 60s, then 3
    [InlineData("increase(c[1m] smoothed)", 150_000, 1)] // 2.5 at 90s to 3.5 at 150s
    [InlineData("increase(r[1m] smoothed)", 150_000, 2)] // 0.5 at 90s (grown from the reset) to 2.5 at 150s
    [InlineData("increase(r[2m] anchored)", 180_000, 4)] // 2 -> 1 is a reset: 4 - 2 + 2
    [InlineData("rate(r[2m] anchored)", 180_000, 4 / 120.0)]
    [InlineData("increase(c[1m] anchored)", 30_000, 0)] // one sample: no increase, but a result
    public void Instant_ExtendedRateOverHistograms_GivesTheDifferenceBetweenTheEdges(string query, long at, double count)
    {
        var result = Query(query, at);

        var sample = Assert.Single(Samples(result));
        Assert.Equal(count, sample.Histogram!.Count, 12);
        Assert.Equal(count, sample.Histogram.Sum, 12);
        Assert.Equal(CounterResetHint.Gauge, sample.Histogram.Hint);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("delta(c[1m] anchored)", "this native histogram metric is not a gauge: \"c\" (1:7)", 1)]
    [InlineData("rate(m[3m] anchored)", "encountered a mix of histograms and floats for metric name \"m\" (1:6)", 0)]
    [InlineData("increase(m[1m] smoothed)", "encountered a mix of histograms and floats for metric name \"m\" (1:10)", 0)]
    public void Instant_ExtendedRateOverHistograms_WarnsAsUpstream(string query, string warning, int results)
    {
        var result = Query(query, 150_000);

        Assert.Equal("PromQL warning: " + warning, Assert.Single(result.Warnings));
        Assert.Equal(results, Samples(result).Count);
    }

    [Theory]
    [InlineData("c[1m] anchored", "anchored")]
    [InlineData("c[1m] smoothed", "smoothed")]
    public void Instant_ExtendedRangeOfHistogramsOnItsOwn_IsRefused(string query, string modifier)
    {
        var e = Assert.Throws<QueryException>(() => Query(query, 150_000));

        Assert.Equal(modifier + " modifier is not supported with histograms", e.Message);
    }

    [Theory]
    [InlineData(90_000, 2.5)] // between 2 at 60s and 3 at 120s
    [InlineData(120_000, 3)] // on a sample
    [InlineData(200_000, 4)] // after the last sample: carried
    public void Instant_SmoothedHistogramSelector_InterpolatesAtTheStep(long at, double count)
    {
        var sample = Assert.Single(Samples(Query("c smoothed", at)));

        Assert.Equal(at, sample.Timestamp);
        Assert.Equal(count, sample.Histogram!.Count, 12);
    }

    [Fact]
    public void Instant_SmoothedSelectorOverFloatsAndHistograms_WarnsAndGivesNothing()
    {
        var result = Query("m smoothed", 90_000);

        Assert.Empty(Samples(result));
        Assert.Equal("PromQL warning: encountered a mix of histograms and floats for metric name \"m\" (1:1)", Assert.Single(result.Warnings));
    }

    [Theory]
    [InlineData("changes(m[1m] anchored)", 120_000, 1)] // anchor: the histogram at 60s; then the float at 120s
    [InlineData("resets(m[1m] anchored)", 120_000, 1)]
    [InlineData("changes(m[1m] anchored)", 180_000, 1)] // anchor: the float at 120s; the histograms before it are left out
    [InlineData("resets(m[1m] anchored)", 180_000, 0)]
    [InlineData("resets(r[1m] anchored)", 120_000, 1)]
    [InlineData("changes(c[1m] anchored)", 150_000, 1)]
    public void Instant_AnchoredChangesAndResets_StartAtTheNewestSampleOfEitherKind(string query, long at, double expected)
    {
        Assert.Equal(expected, Assert.Single(Samples(Query(query, at))).Value);
    }

    [Theory]
    [InlineData("increase(r[1m] smoothed)")]
    [InlineData("rate(c[90s] anchored)")]
    [InlineData("resets(m[1m] anchored)")]
    [InlineData("histogram_count(r smoothed)")]
    public void Range_ExtendedWindowsOverHistograms_MatchInstantQueriesAtEachStep(string query)
    {
        var storage = HistogramRangeData.Storage();
        var engine = new QueryEngine(AllLanguage);
        var series = ((MatrixValue)engine.Range(storage, query, 0, 240_000, 30_000).Value).Series;

        for (var t = 0L; t <= 240_000; t += 30_000)
        {
            var instant = ((VectorValue)engine.Instant(storage, query, t).Value).Samples;
            var step = series.Select(s => Step(s, t)).OfType<(double Value, FloatHistogram? Histogram)>().ToList();
            Assert.Equal(instant.Count, step.Count);
            for (var i = 0; i < step.Count; i++)
            {
                Assert.Equal(instant[i].Histogram?.Count ?? instant[i].Value, step[i].Histogram?.Count ?? step[i].Value, 12);
            }
        }
    }

    private static (double Value, FloatHistogram? Histogram)? Step(SeriesValue s, long t)
    {
        var i = s.Points.FindIndex(p => p.Timestamp == t);
        if (i >= 0)
        {
            return (s.Points[i].Value, null);
        }
        var j = s.Histograms?.FindIndex(h => h.Timestamp == t) ?? -1;
        return j >= 0 ? (0, s.Histograms![j].Histogram) : null;
    }
}
