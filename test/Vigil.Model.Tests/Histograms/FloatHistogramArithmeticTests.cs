using Vigil.Model.Histograms;

namespace Vigil.Model.Tests.Histograms;

public sealed class FloatHistogramArithmeticTests
{
    private static FloatHistogram H(double count, double sum, double[] buckets, CounterResetHint hint = CounterResetHint.Unknown, double zeroCount = 0) =>
        new(0, 0.001, zeroCount, count, sum, new BucketRun(0, buckets), new BucketRun(1, [1]), hint);

    private static FloatHistogram Custom(double[] bounds, double[] buckets, CounterResetHint hint = CounterResetHint.Unknown) =>
        new(FloatHistogram.CustomBucketsSchema, 0, 0, buckets.Sum(), 10, new BucketRun(0, buckets), BucketRun.Empty, hint, bounds);

    [Theory]
    [InlineData(CounterResetHint.Reset, CounterResetHint.NotReset, CounterResetHint.Unknown, true)]
    [InlineData(CounterResetHint.NotReset, CounterResetHint.Reset, CounterResetHint.Unknown, true)]
    [InlineData(CounterResetHint.Reset, CounterResetHint.Reset, CounterResetHint.Reset, false)]
    [InlineData(CounterResetHint.Reset, CounterResetHint.Unknown, CounterResetHint.Unknown, false)]
    [InlineData(CounterResetHint.Unknown, CounterResetHint.NotReset, CounterResetHint.Unknown, false)]
    [InlineData(CounterResetHint.Gauge, CounterResetHint.Reset, CounterResetHint.Gauge, false)]
    [InlineData(CounterResetHint.NotReset, CounterResetHint.Gauge, CounterResetHint.Gauge, false)]
    public void Add_HintPairs_CombineAndReportCollisions(CounterResetHint left, CounterResetHint right, CounterResetHint expected, bool collision)
    {
        var sum = H(1, 1, [1], left).Add(H(1, 1, [1], right), out var notes);

        Assert.Equal(expected, sum.Hint);
        Assert.Equal(collision, notes.HasFlag(HistogramCombineNotes.CounterResetCollision));
    }

    [Fact]
    public void Subtract_SameHistogram_LeavesNoBuckets()
    {
        var h = H(3, 5, [1, 2], zeroCount: 1);

        var difference = h.Subtract(h, out var notes);

        Assert.Equal(HistogramCombineNotes.None, notes);
        Assert.Equal(0, difference.Count);
        Assert.Equal(0, difference.ZeroCount);
        Assert.True(difference.Positive.IsEmpty);
        Assert.True(difference.Negative.IsEmpty);
    }

    [Fact]
    public void Add_ExponentialAndCustom_ThrowsUpstreamMessage()
    {
        var e = Assert.Throws<IncompatibleHistogramsException>(() => H(1, 1, [1]).Add(Custom([1, 2], [1])));

        Assert.Contains("mix of exponential and custom bucket schemas", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_CustomSameBounds_AddsBucketByBucket()
    {
        var sum = Custom([1, 2], [1, 2, 3]).Add(Custom([1, 2], [1, 1, 1]), out var notes);

        Assert.Equal(HistogramCombineNotes.None, notes);
        Assert.Equal([2, 3, 4], sum.Positive.Counts);
        Assert.Equal([1, 2], sum.CustomValues);
        Assert.Equal(20, sum.Sum);
    }

    [Fact]
    public void Add_CustomDifferentBounds_KeepsSharedBoundsAndSaysSo()
    {
        // Bounds {1,2,4} and {2,3}: only 2 is shared, so buckets are (-Inf,2] and (2,+Inf].
        var sum = Custom([1, 2, 4], [1, 2, 3, 4]).Add(Custom([2, 3], [10, 20, 30]), out var notes);

        Assert.Equal(HistogramCombineNotes.CustomBoundsReconciled, notes);
        Assert.Equal([2], sum.CustomValues);
        Assert.Equal([13, 57], sum.Positive.Counts);
    }

    [Theory]
    [InlineData(2, CounterResetHint.NotReset)]
    [InlineData(0.5, CounterResetHint.NotReset)]
    [InlineData(-1, CounterResetHint.Gauge)]
    public void Multiply_ScalesEverythingAndNegativeMakesGauge(double factor, CounterResetHint expectedHint)
    {
        var product = H(4, 6, [1, 2], CounterResetHint.NotReset, zeroCount: 1).Multiply(factor);

        Assert.Equal(4 * factor, product.Count);
        Assert.Equal(6 * factor, product.Sum);
        Assert.Equal(factor, product.ZeroCount);
        Assert.Equal([factor, 2 * factor], product.Positive.Counts);
        Assert.Equal([factor], product.Negative.Counts);
        Assert.Equal(expectedHint, product.Hint);
    }

    [Fact]
    public void Divide_ByZero_DropsBucketsAndCountsGoInfinite()
    {
        var quotient = H(4, 6, [1, 2]).Divide(0);

        Assert.True(quotient.Positive.IsEmpty);
        Assert.True(quotient.Negative.IsEmpty);
        Assert.Equal(double.PositiveInfinity, quotient.Count);
        Assert.Equal(double.PositiveInfinity, quotient.Sum);
    }

    [Fact]
    public void Divide_ByNegative_IsGaugeWithDividedBuckets()
    {
        var quotient = H(4, 6, [1, 2]).Divide(-2);

        Assert.Equal([-0.5, -1], quotient.Positive.Counts);
        Assert.Equal(-2, quotient.Count);
        Assert.Equal(CounterResetHint.Gauge, quotient.Hint);
    }

    [Fact]
    public void Equals_DifferentCustomBounds_NotEqual()
    {
        Assert.NotEqual(Custom([1, 2], [1]), Custom([1, 3], [1]));
        Assert.Equal(Custom([1, 2], [1]), Custom([1, 2], [1]));
    }

    [Fact]
    public void Constructor_CustomSchemaWithoutBounds_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FloatHistogram(FloatHistogram.CustomBucketsSchema, 0, 0, 0, 0, BucketRun.Empty, BucketRun.Empty));
        Assert.Throws<ArgumentException>(() => new FloatHistogram(0, 0, 0, 0, 0, BucketRun.Empty, BucketRun.Empty, customValues: [1.0]));
    }

    [Theory]
    [InlineData(new double[] { 1, 2 }, new double[] { 1, 1, 1 }, false)]
    [InlineData(new double[] { 1, 2 }, new double[] { 1, 0, 2 }, true)]
    [InlineData(new double[] { 2 }, new double[] { 2, 2 }, false)]
    [InlineData(new double[] { 2 }, new double[] { 1, 2 }, true)]
    public void IsResetAfter_Custom_ComparesOnSharedBounds(double[] bounds, double[] buckets, bool expected)
    {
        var previous = Custom([1, 2], [1, 1, 1]);

        Assert.Equal(expected, Custom(bounds, buckets).IsResetAfter(previous));
    }

    [Fact]
    public void ReduceFieldwise_CompensatedSum_KeepsSmallTermsBesideHugeOnes()
    {
        FloatHistogram[] items = [H(1, 1e100, [1]), H(1, 1, [1]), H(1, -1e100, [1])];
        var layout = items[0].Add(items[1]).Add(items[2]);

        var sum = FloatHistogram.ReduceFieldwise(items, layout, CompensatedSum);

        Assert.Equal(1, sum.Sum);
        Assert.Equal(3, sum.Count);
        Assert.Equal([3], sum.Positive.Counts);
    }

    [Fact]
    public void ReduceFieldwise_DifferentSchemas_AlignsToTheLayout()
    {
        var fine = new FloatHistogram(1, 0, 0, 2, 2, new BucketRun(1, [1, 1]), BucketRun.Empty);
        var coarse = new FloatHistogram(0, 0, 0, 1, 1, new BucketRun(1, [1]), BucketRun.Empty);

        var sum = FloatHistogram.ReduceFieldwise([fine, coarse], fine.Add(coarse), values => values.Sum());

        Assert.Equal(0, sum.Schema);
        Assert.Equal(1, sum.Positive.Offset);
        Assert.Equal([3], sum.Positive.Counts);
    }

    // Neumaier's compensated sum, as the engine passes in.
    private static double CompensatedSum(List<double> values)
    {
        double sum = 0, c = 0;
        foreach (var v in values)
        {
            var t = sum + v;
            c += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + c;
    }
}
