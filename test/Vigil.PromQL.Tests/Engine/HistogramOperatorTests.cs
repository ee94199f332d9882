using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class HistogramOperatorTests
{
    private static FloatHistogram H(double count, double[] buckets, CounterResetHint hint = CounterResetHint.Unknown) =>
        new(0, 0, 0, count, count * 2, new BucketRun(0, buckets), BucketRun.Empty, hint);

    private static FloatHistogram Custom(double count) =>
        new(FloatHistogram.CustomBucketsSchema, 0, 0, count, count, new BucketRun(0, [count]), BucketRun.Empty, customValues: [1.0]);

    // h{job="a"} count 2, h{job="b"} count 4, f 3, c (custom buckets) count 1, mixed{job="a"} histogram, mixed{job="b"} float.
    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.AppendHistogram(LabelSet.Of("__name__", "h", "job", "a"), 60_000, H(2, [2]));
        app.AppendHistogram(LabelSet.Of("__name__", "h", "job", "b"), 60_000, H(4, [1, 3]));
        app.Append(LabelSet.Of("__name__", "f", "job", "a"), 60_000, 3);
        app.AppendHistogram(LabelSet.Of("__name__", "c", "job", "a"), 60_000, Custom(1));
        app.AppendHistogram(LabelSet.Of("__name__", "mixed", "job", "a"), 60_000, H(2, [2]));
        app.Append(LabelSet.Of("__name__", "mixed", "job", "b"), 60_000, 5);
        app.Commit();
        return storage;
    }

    private static QueryResult Run(string query) => new QueryEngine(new EngineOptions { Parser = ParserOptions.AllEnabled }).Instant(Storage(), query, 120_000);

    private static List<VectorSample> Samples(string query) => ((VectorValue)Run(query).Value).Samples;

    [Theory]
    [InlineData("h * 2", 4, 8)]
    [InlineData("2 * h", 4, 8)]
    [InlineData("h / 2", 1, 2)]
    [InlineData("-h", -2, -4)]
    [InlineData("h + on(job) h", 4, 8)]
    [InlineData("h - on(job) h", 0, 0)]
    [InlineData("h * on(job) f", 6, 0)]
    public void Instant_Arithmetic_GivesHistogramsWithoutName(string query, double countA, double countB)
    {
        var samples = Samples(query);

        Assert.All(samples, s => Assert.False(s.Metric.Has("__name__")));
        Assert.Equal(countA, samples.Single(s => s.Metric.Get("job") == "a").Histogram!.Count);
        if (countB != 0)
        {
            Assert.Equal(countB, samples.Single(s => s.Metric.Get("job") == "b").Histogram!.Count);
        }
    }

    [Theory]
    [InlineData("h + 1", "histogram + float")]
    [InlineData("1 - h", "float - histogram")]
    [InlineData("h > 1", "histogram > float")]
    [InlineData("h * on(job) h", "histogram * histogram")]
    [InlineData("f - on(job) h", "float - histogram")]
    [InlineData("f / on(job) h", "float / histogram")]
    public void Instant_UnsupportedPair_DropsItWithInfo(string query, string types)
    {
        var result = Run(query);

        Assert.DoesNotContain(((VectorValue)result.Value).Samples, s => s.Histogram is not null);
        Assert.Contains(result.Infos, i => i.Contains(": " + types + " (", StringComparison.Ordinal));
    }

    [Fact]
    public void Instant_SubtractedHistograms_AreGauges()
    {
        Assert.All(Samples("h - on(job) h"), s => Assert.Equal(CounterResetHint.Gauge, s.Histogram!.Hint));
    }

    [Theory]
    [InlineData("h == on(job) h", 2)]
    [InlineData("h != on(job) h", 0)]
    [InlineData("h == bool on(job) h", 2)]
    public void Instant_HistogramEquality_KeepsOrFlags(string query, int expected)
    {
        Assert.Equal(expected, Samples(query).Count);
    }

    [Fact]
    public void Instant_ExponentialPlusCustom_DropsWithWarning()
    {
        var result = Run("h + on(job) c");

        Assert.Empty(((VectorValue)result.Value).Samples);
        Assert.Contains(result.Warnings, w => w.Contains("incompatible bucket layout encountered for binary operator +", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sum(h)", 6)]
    [InlineData("avg(h)", 3)]
    public void Instant_SumAndAvg_AddHistograms(string query, double count)
    {
        Assert.Equal(count, Assert.Single(Samples(query)).Histogram!.Count);
    }

    [Fact]
    public void Instant_SumOfFloatsAndHistograms_DropsGroupWithWarning()
    {
        var result = Run("sum(mixed)");

        Assert.Empty(((VectorValue)result.Value).Samples);
        Assert.Contains(result.Warnings, w => w.Contains("encountered a mix of histograms and floats for aggregation (1:5)", StringComparison.Ordinal));
    }

    [Fact]
    public void Instant_SumOfExponentialAndCustom_DropsGroupWithWarning()
    {
        var result = Run("sum({__name__=~\"h|c\"})");

        Assert.Empty(((VectorValue)result.Value).Samples);
        Assert.Contains(result.Warnings, w => w.Contains("mix of histograms with exponential and custom buckets schemas", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("max(mixed)", "max")]
    [InlineData("min(mixed)", "min")]
    [InlineData("stddev(mixed)", "stddev")]
    [InlineData("quantile(0.5, mixed)", "quantile")]
    [InlineData("topk(1, mixed)", "topk")]
    public void Instant_FloatOnlyAggregations_IgnoreHistogramsWithInfo(string query, string op)
    {
        var result = Run(query);

        Assert.All(((VectorValue)result.Value).Samples, s => Assert.Null(s.Histogram));
        Assert.Contains(result.Infos, i => i.Contains($"ignored histogram in {op} aggregation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("count(mixed)", 2)]
    [InlineData("group(mixed)", 1)]
    public void Instant_CountAndGroup_CountHistogramsToo(string query, double expected)
    {
        Assert.Equal(expected, Assert.Single(Samples(query)).Value);
    }

    [Fact]
    public void Instant_LimitK_KeepsHistograms()
    {
        Assert.Equal(2, Samples("limitk(2, h)").Count(s => s.Histogram is not null));
    }

    [Fact]
    public void Instant_SetOperators_CarryHistograms()
    {
        Assert.NotNull(Assert.Single(Samples("h and on(job) f")).Histogram);
    }
}

public sealed class HistogramValueTextTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(10, "10")]
    [InlineData(123456, "123456")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(1e6, "1e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void G_Numbers_FormatAsGoDoes(double value, string expected)
    {
        Assert.Equal(expected, Vigil.PromQL.Functions.HistogramValueText.G(value));
    }

    [Fact]
    public void Format_ExponentialHistogram_ListsNonEmptyBucketsFromTheLowest()
    {
        var h = new FloatHistogram(0, 0.001, 2, 20, 10, new BucketRun(0, [1, 2]), new BucketRun(0, [1, 2]));

        Assert.Equal("{count:20, sum:10, [-2,-1):2, [-1,-0.5):1, [-0.001,0.001]:2, (0.5,1]:1, (1,2]:2}", Vigil.PromQL.Functions.HistogramValueText.Format(h));
    }

    [Fact]
    public void Format_CustomBuckets_ReachInfinityAtBothEnds()
    {
        var h = new FloatHistogram(FloatHistogram.CustomBucketsSchema, 0, 0, 3, 4, new BucketRun(0, [1, 0, 2]), BucketRun.Empty, customValues: [1.0, 5]);

        Assert.Equal("{count:3, sum:4, (-Inf,1]:1, (5,+Inf]:2}", Vigil.PromQL.Functions.HistogramValueText.Format(h));
    }
}
