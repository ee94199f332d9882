using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class HistogramSelectorTests
{
    private static readonly FloatHistogram Two = new(0, 0, 0, 2, 3, new BucketRun(0, [2]), BucketRun.Empty);

    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.AppendHistogram(LabelSet.Of("__name__", "h", "job", "a"), 0, Two);
        app.AppendHistogram(LabelSet.Of("__name__", "h", "job", "a"), 60_000, Two);
        app.Append(LabelSet.Of("__name__", "h", "job", "b"), 60_000, 7);
        app.Append(LabelSet.Of("__name__", "f"), 60_000, 1);
        app.Commit();
        return storage;
    }

    [Theory]
    [InlineData("h")]
    [InlineData("(h)")]
    public void Instant_PlainSelector_ReturnsHistogramsAndFloats(string query)
    {
        var samples = ((VectorValue)new QueryEngine().Instant(Storage(), query, 120_000).Value).Samples;

        Assert.Equal(2, samples.Count);
        var histogram = samples.Single(s => s.Metric.Get("job") == "a");
        Assert.Equal(60_000, histogram.Timestamp);
        Assert.Equal(2, histogram.Histogram!.Count);
        Assert.Equal(CounterResetHint.NotReset, histogram.Histogram.Hint);
        Assert.Null(samples.Single(s => s.Metric.Get("job") == "b").Histogram);
    }

    [Fact]
    public void Instant_PastLookback_ReturnsNothing()
    {
        var samples = ((VectorValue)new QueryEngine().Instant(Storage(), "h{job=\"a\"}", 60_000 + 300_000).Value).Samples;

        Assert.Empty(samples);
    }

    [Theory]
    [InlineData("h + 1")]
    [InlineData("sum(h)")]
    [InlineData("rate(h[5m])")]
    [InlineData("count_over_time(h[5m])")]
    public void Instant_HistogramInAnyOtherExpression_IsRefusedNamingTheSeries(string query)
    {
        var e = Assert.Throws<QueryException>(() => new QueryEngine().Instant(Storage(), query, 120_000));

        Assert.Contains("native histogram samples of {__name__=\"h\", job=\"a\"} are not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instant_FloatSeriesBesideHistograms_StillEvaluates()
    {
        var samples = ((VectorValue)new QueryEngine().Instant(Storage(), "f + 1", 120_000).Value).Samples;

        Assert.Equal(2, samples.Single().Value);
    }

    [Fact]
    public void Range_HistogramSeries_IsRefused()
    {
        Assert.Throws<QueryException>(() => new QueryEngine().Range(Storage(), "h", 0, 120_000, 60_000));
    }
}
