using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class NativeHistogramQuantileTests
{
    // Four observations in (1, 2].
    private static readonly FloatHistogram OneBucket = new(0, 0, 0, 4, 6, new BucketRun(1, [4]), BucketRun.Empty);

    // Two observations in the zero bucket [-1, 1] (no negative buckets, so taken as [0, 1]) and two in (1, 2].
    private static readonly FloatHistogram ZeroAndPositive = new(0, 1, 2, 4, 3, new BucketRun(1, [2]), BucketRun.Empty);

    // Four observations in [-2, -1).
    private static readonly FloatHistogram Negative = new(0, 0, 0, 4, -6, BucketRun.Empty, new BucketRun(1, [4]));

    // Five observations, one of them NaN: it counts, it is in no bucket, and the sum is NaN.
    private static readonly FloatHistogram WithNaN = new(0, 0, 0, 5, double.NaN, new BucketRun(1, [4]), BucketRun.Empty);

    private static readonly Dictionary<string, FloatHistogram> Histograms = new()
    {
        ["one"] = OneBucket,
        ["zero"] = ZeroAndPositive,
        ["negative"] = Negative,
        ["nan"] = WithNaN,
        ["empty"] = FloatHistogram.Empty,
    };

    private static QueryResult Query(string histogram, string query)
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.AppendHistogram(LabelSet.Of("__name__", "h"), 0, Histograms[histogram]);
        app.Commit();
        return new QueryEngine().Instant(storage, query, 0);
    }

    private static double Value(QueryResult result) => Assert.Single(((VectorValue)result.Value).Samples).Value;

    [Theory]
    [InlineData("one", 0.5, 1.4142135623730951)] // halfway on a log scale between 1 and 2
    [InlineData("one", 0.25, 1.189207115002721)]
    [InlineData("one", 1, 2)]
    [InlineData("one", 0, 1)]
    [InlineData("zero", 0.25, 0.5)] // linear inside the zero bucket, which starts at 0 here
    [InlineData("zero", 0.75, 1.4142135623730951)]
    [InlineData("negative", 0.25, -1.681792830507429)] // mirrored: a quarter up from -2 on a log scale
    [InlineData("negative", 0.5, -1.4142135623730951)]
    [InlineData("one", -0.5, double.NegativeInfinity)]
    [InlineData("one", 1.5, double.PositiveInfinity)]
    [InlineData("one", double.NaN, double.NaN)]
    [InlineData("empty", 0.5, double.NaN)]
    public void HistogramQuantile_Native_InterpolatesInsideTheBucket(string histogram, double q, double expected)
    {
        var value = Value(Query(histogram, $"histogram_quantile({Format(q)}, h)"));

        Assert.Equal(expected, value, 12);
    }

    [Fact]
    public void HistogramQuantile_RankAmongNaNObservations_IsNaNWithInfo()
    {
        var result = Query("nan", "histogram_quantile(0.9, h)");

        Assert.True(double.IsNaN(Value(result)));
        Assert.Contains("PromQL info: input to histogram_quantile has NaN observations, result is NaN for metric name \"h\" (1:25)", result.Infos);
    }

    [Fact]
    public void HistogramQuantile_NaNObservationsAboveRank_IsSkewedWithInfo()
    {
        var result = Query("nan", "histogram_quantile(0.5, h)");

        Assert.Equal(Math.Pow(2, 0.625), Value(result), 12);
        Assert.Contains("PromQL info: input to histogram_quantile has NaN observations, result is skewed higher for metric name \"h\" (1:25)", result.Infos);
    }

    [Theory]
    [InlineData("one", "1", "1.4142135623730951", 0.5)]
    [InlineData("one", "-Inf", "+Inf", 1)]
    [InlineData("one", "2", "1", 0)]
    [InlineData("one", "NaN", "1", double.NaN)]
    [InlineData("zero", "0", "0.5", 0.25)]
    [InlineData("zero", "-1", "0", 0)]
    [InlineData("negative", "-2", "-1.4142135623730951", 0.5)]
    [InlineData("empty", "0", "1", double.NaN)]
    public void HistogramFraction_Native_InterpolatesAtBothBounds(string histogram, string lower, string upper, double expected)
    {
        var value = Value(Query(histogram, $"histogram_fraction({lower}, {upper}, h)"));

        Assert.Equal(expected, value, 12);
    }

    [Fact]
    public void HistogramFraction_NaNObservations_AreInNoFractionWithInfo()
    {
        var result = Query("nan", "histogram_fraction(-Inf, +Inf, h)");

        Assert.Equal(0.8, Value(result), 12);
        Assert.Contains("PromQL info: input to histogram_fraction has NaN observations, which are excluded from all fractions for metric name \"h\" (1:32)", result.Infos);
    }

    [Fact]
    public void HistogramQuantile_NativeAndClassicWithSameLabels_DropsBothWithWarning()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.AppendHistogram(LabelSet.Of("__name__", "h"), 0, OneBucket);
        app.Append(LabelSet.Of("__name__", "h", "le", "+Inf"), 0, 3);
        app.Append(LabelSet.Of("__name__", "g", "le", "+Inf"), 0, 3);
        app.Commit();

        var result = new QueryEngine().Instant(storage, "histogram_quantile(0.5, {__name__=~\"g|h\"})", 0);

        Assert.Single(((VectorValue)result.Value).Samples);
        Assert.Contains("PromQL warning: vector contains a mix of classic and native histograms for metric name \"h\" (1:25)", result.Warnings);
    }

    private static string Format(double q) => double.IsNaN(q) ? "NaN" : q.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
