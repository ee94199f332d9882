using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;

namespace Vigil.PromQL.Tests.Engine;

public sealed class HistogramRangeFunctionTests
{
    private static QueryResult Query(string query) => new QueryEngine().Instant(HistogramRangeData.Storage(), query, 180_000);

    private static List<VectorSample> Samples(QueryResult result) => ((VectorValue)result.Value).Samples;

    [Theory]
    [InlineData("increase(c[3m])", 3)] // 2 seen over 120s, extrapolated 60s back (where the counter would be 0 at 1 per minute)
    [InlineData("increase(r[3m])", 6)] // 2 -> 1 is a reset: 2 + (4 - 2) = 4 seen over 120s, times 1.5
    [InlineData("irate(c[3m])", 1 / 60.0)]
    [InlineData("idelta(c[3m])", 1)]
    [InlineData("sum_over_time(c[3m])", 9)]
    [InlineData("avg_over_time(c[3m])", 3)]
    [InlineData("last_over_time(c[3m])", 4)]
    [InlineData("first_over_time(c[3m])", 2)]
    public void Instant_RangeFunctionOverHistograms_GivesAHistogram(string query, double count)
    {
        var sample = Assert.Single(Samples(Query(query)));

        Assert.NotNull(sample.Histogram);
        Assert.Equal(count, sample.Histogram.Count, 12);
    }

    [Theory]
    [InlineData("rate(c[3m])")]
    [InlineData("increase(c[3m])")]
    [InlineData("irate(c[3m])")]
    public void Instant_RateOfHistograms_IsAGaugeWithoutName(string query)
    {
        var sample = Assert.Single(Samples(Query(query)));

        Assert.Equal(CounterResetHint.Gauge, sample.Histogram!.Hint);
        Assert.Equal(LabelSet.Empty, sample.Metric);
    }

    [Theory]
    [InlineData("count_over_time(m[5m])", 4)]
    [InlineData("present_over_time(m[5m])", 1)]
    [InlineData("changes(c[5m])", 3)]
    [InlineData("resets(r[5m])", 1)]
    [InlineData("changes(m[5m])", 3)] // histogram 1 -> 2, histogram -> float, float 2 -> 3
    [InlineData("resets(m[5m])", 1)] // the switch from histogram to float
    [InlineData("histogram_count(rate(c[3m]))", 3 / 180.0)]
    public void Instant_FunctionOverHistograms_GivesAFloat(string query, double expected)
    {
        var sample = Assert.Single(Samples(Query(query)));

        Assert.Null(sample.Histogram);
        Assert.Equal(expected, sample.Value, 12);
    }

    [Fact]
    public void Instant_RateOverMixedWindow_WarnsAndGivesNothing()
    {
        var result = Query("rate(m[5m])");

        Assert.Empty(Samples(result));
        Assert.Contains("PromQL warning: encountered a mix of histograms and floats for metric name \"m\" (1:6)", result.Warnings);
    }

    [Fact]
    public void Instant_DeltaOfCounterHistogram_WarnsNotAGauge()
    {
        var result = Query("delta(c[3m])");

        Assert.Single(Samples(result));
        Assert.Contains("PromQL warning: this native histogram metric is not a gauge: \"c\" (1:7)", result.Warnings);
    }

    [Fact]
    public void Instant_FloatOnlyFunctionOverMixedWindow_IgnoresHistogramsWithInfo()
    {
        var result = Query("max_over_time(m[5m])");

        Assert.Equal(3, Assert.Single(Samples(result)).Value);
        Assert.Contains("PromQL info: ignored histograms in a range containing both floats and histograms for metric name \"m\" (1:15)", result.Infos);
    }

    [Fact]
    public void Instant_FloatOnlyFunctionOverHistogramsOnly_GivesNothing()
    {
        var result = Query("max_over_time(c[5m])");

        Assert.Empty(Samples(result));
        Assert.Empty(result.Infos);
    }

    [Fact]
    public void Instant_SubqueryOverHistograms_FeedsRangeFunctions()
    {
        var sample = Assert.Single(Samples(Query("last_over_time(c[2m:1m])")));

        Assert.Equal(4, sample.Histogram!.Count);
    }
}
