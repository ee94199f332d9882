using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class HistogramSelectorTests
{
    // info and sort_by_label are experimental upstream; these tests are about evaluation.
    private static readonly EngineOptions AllLanguage = new() { Parser = ParserOptions.AllEnabled };

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
    [InlineData("info(h)")]
    public void Instant_HistogramInAnyOtherExpression_IsRefusedNamingTheSeries(string query)
    {
        var e = Assert.Throws<QueryException>(() => new QueryEngine(AllLanguage).Instant(Storage(), query, 120_000));

        Assert.Contains("native histogram samples of {__name__=\"h\", job=\"a\"} are not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instant_FloatSeriesBesideHistograms_StillEvaluates()
    {
        var samples = ((VectorValue)new QueryEngine().Instant(Storage(), "f + 1", 120_000).Value).Samples;

        Assert.Equal(2, samples.Single().Value);
    }

    [Fact]
    public void Range_PlainSelector_KeepsHistogramStepsApartFromFloatPoints()
    {
        var series = ((MatrixValue)new QueryEngine().Range(Storage(), "h", 0, 120_000, 60_000).Value).Series;

        var histograms = series.Single(s => s.Metric.Get("job") == "a");
        Assert.Empty(histograms.Points);
        Assert.Equal([0L, 60_000, 120_000], histograms.Histograms!.Select(h => h.Timestamp));
        var floats = series.Single(s => s.Metric.Get("job") == "b");
        Assert.Null(floats.Histograms);
        Assert.Equal(2, floats.Points.Count);
    }

    [Theory]
    [InlineData("h </ 0.5", 0)]
    [InlineData("h </ 1", 2)]
    [InlineData("h >/ 1", 0)]
    [InlineData("(h) >/ 0.5", 2)]
    public void Instant_Trim_TrimsHistogramsAndKeepsTheName(string query, double count)
    {
        var result = new QueryEngine().Instant(Storage(), query, 120_000);
        var samples = ((VectorValue)result.Value).Samples;

        var trimmed = Assert.Single(samples);
        Assert.Equal("h", trimmed.Metric.Get("__name__"));
        Assert.Equal(count, trimmed.Histogram!.Count);
        // The float series h{job="b"} has no result, with upstream's info.
        Assert.Contains("PromQL info: incompatible sample types encountered for binary operator \"" + query.Split(' ')[1] + "\": float " + query.Split(' ')[1] + " float", result.Infos.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Instant_TrimWithVectorMatching_UsesTheRightHandValue()
    {
        var storage = Storage();
        var app = storage.Appender();
        app.Append(LabelSet.Of("__name__", "limit", "job", "a"), 60_000, 0.5);
        app.Commit();

        var samples = ((VectorValue)new QueryEngine().Instant(storage, "h >/ on (job) limit", 120_000).Value).Samples;

        var trimmed = Assert.Single(samples);
        Assert.Equal(LabelSet.Of("job", "a"), trimmed.Metric);
        Assert.Equal(2, trimmed.Histogram!.Count);
    }

    [Fact]
    public void Instant_TrimBetweenScalars_IsAnError()
    {
        var e = Assert.Throws<QueryException>(() => new QueryEngine().Instant(Storage(), "1 </ 2", 0));

        Assert.Contains("not allowed for Scalar operations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instant_TrimResultUsedFurther_IsScaled()
    {
        var samples = ((VectorValue)new QueryEngine().Instant(Storage(), "(h </ 1) * 2", 120_000).Value).Samples;

        Assert.Equal(4, Assert.Single(samples).Histogram!.Count);
    }

    [Theory]
    [InlineData("histogram_count(h)", 2)]
    [InlineData("histogram_sum(h)", 3)]
    [InlineData("histogram_avg(h)", 1.5)]
    [InlineData("histogram_count(h </ 0.5)", 0)]
    [InlineData("histogram_sum(h) * 2", 6)]
    public void Instant_HistogramFunctions_GiveOneFloatPerHistogramWithoutName(string query, double expected)
    {
        var samples = ((VectorValue)new QueryEngine().Instant(Storage(), query, 120_000).Value).Samples;

        // The float series h{job="b"} has no result.
        var sample = Assert.Single(samples);
        Assert.Equal(LabelSet.Of("job", "a"), sample.Metric);
        Assert.Null(sample.Histogram);
        Assert.Equal(expected, sample.Value);
    }

    [Theory]
    [InlineData("histogram_stdvar(h)", false)]
    [InlineData("histogram_stddev(h)", true)]
    public void Instant_HistogramVariance_CountsEachBucketAtItsGeometricMiddle(string query, bool root)
    {
        var sample = Assert.Single(((VectorValue)new QueryEngine().Instant(Storage(), query, 120_000).Value).Samples);

        // Two observations in bucket (0.5, 1], counted at sqrt(0.5); the mean is sum / count = 1.5.
        var variance = Math.Pow(Math.Sqrt(0.5) - 1.5, 2);
        Assert.Equal(root ? Math.Sqrt(variance) : variance, sample.Value, 12);
    }

    [Theory]
    [InlineData("abs(h)", 7)]
    [InlineData("clamp_max(h, 1)", 1)]
    [InlineData("year(h)", 1970)]
    [InlineData("sort(h)", 7)]
    [InlineData("scalar(h)", 7)]
    public void Instant_FloatOnlyFunction_LeavesHistogramsOut(string query, double expected)
    {
        var value = new QueryEngine().Instant(Storage(), query, 120_000).Value;

        var result = value is ScalarValue scalar ? scalar.Value : Assert.Single(((VectorValue)value).Samples).Value;
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("label_replace(h, \"x\", \"$1\", \"job\", \"(.*)\")")]
    [InlineData("label_join(h, \"x\", \"-\", \"job\")")]
    [InlineData("sort_by_label(h, \"job\")")]
    public void Instant_LabelFunction_PassesHistogramsThrough(string query)
    {
        var samples = ((VectorValue)new QueryEngine(AllLanguage).Instant(Storage(), query, 120_000).Value).Samples;

        Assert.Equal(2, samples.Single(s => s.Metric.Get("job") == "a").Histogram!.Count);
        Assert.Null(samples.Single(s => s.Metric.Get("job") == "b").Histogram);
    }

    [Fact]
    public void Instant_TimestampOfHistogram_IsItsSampleTime()
    {
        var samples = ((VectorValue)new QueryEngine().Instant(Storage(), "timestamp(h)", 120_000).Value).Samples;

        Assert.All(samples, s => Assert.Equal(60, s.Value));
    }
}
