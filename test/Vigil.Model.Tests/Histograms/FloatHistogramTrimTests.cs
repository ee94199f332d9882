using Vigil.Model.Histograms;

namespace Vigil.Model.Tests.Histograms;

public sealed class FloatHistogramTrimTests
{
    // Schema 0: bucket 0 is (0.5, 1], bucket 1 is (1, 2], bucket 2 is (2, 4].
    private static readonly FloatHistogram Positive = new(0, 0, 0, 8, 12, new BucketRun(0, [2, 4, 2]), BucketRun.Empty);

    [Fact]
    public void Trim_KeepBelowInsideABucket_InterpolatesOnALogScale()
    {
        var trimmed = Positive.Trim(1.5, keepBelow: true);

        var share = 4 * Math.Log2(1.5);
        Assert.Equal([2, share], trimmed.Positive.Counts);
        Assert.Equal(2 + share, trimmed.Count, 12);
        Assert.Equal((2 * Math.Sqrt(0.5)) + (share * Math.Sqrt(1.5)), trimmed.Sum, 12);
    }

    [Fact]
    public void Trim_KeepAboveOnABucketBound_KeepsWholeBucketsAbove()
    {
        var trimmed = Positive.Trim(1, keepBelow: false);

        Assert.Equal(1, trimmed.Positive.Offset);
        Assert.Equal([4, 2], trimmed.Positive.Counts);
        Assert.Equal(6, trimmed.Count);
        Assert.Equal((4 * Math.Sqrt(2)) + (2 * Math.Sqrt(8)), trimmed.Sum, 12);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    public void Trim_NothingCut_ReturnsTheHistogramUnchanged(double value, bool keepBelow)
    {
        Assert.Same(Positive, Positive.Trim(value, keepBelow));
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(10, false)]
    public void Trim_EverythingCut_LeavesAnEmptyHistogram(double value, bool keepBelow)
    {
        var trimmed = Positive.Trim(value, keepBelow);

        Assert.True(trimmed.Positive.IsEmpty);
        Assert.Equal(0, trimmed.Count);
        Assert.Equal(0, trimmed.Sum);
    }

    [Fact]
    public void Trim_NegativeBuckets_MirrorThePositiveSide()
    {
        // Negative bucket 1 is [-2, -1).
        var h = new FloatHistogram(0, 0, 0, 4, -6, BucketRun.Empty, new BucketRun(1, [4]));

        var trimmed = h.Trim(-1.5, keepBelow: true);

        var below = 4 * (1 - Math.Log2(1.5));
        Assert.Equal([below], trimmed.Negative.Counts);
        Assert.Equal(below * -Math.Sqrt(3), trimmed.Sum, 12);
    }

    [Theory]
    [InlineData(0.0, true, 5)]
    [InlineData(0.0, false, 5)]
    [InlineData(-0.5, true, 2.5)]
    public void Trim_ZeroBucket_SplitsLinearly(double value, bool keepBelow, double kept)
    {
        // Only a zero bucket [-1, 1] with 10 observations.
        var h = new FloatHistogram(0, 1, 10, 10, 0, BucketRun.Empty, BucketRun.Empty);

        Assert.Equal(kept, h.Trim(value, keepBelow).ZeroCount, 12);
    }

    [Fact]
    public void Trim_Empty_StaysEmpty()
    {
        Assert.Same(FloatHistogram.Empty, FloatHistogram.Empty.Trim(5, keepBelow: true));
    }

    [Fact]
    public void Trim_KeepsTheHint()
    {
        Assert.Equal(CounterResetHint.Gauge, Positive.WithHint(CounterResetHint.Gauge).Trim(1.5, true).Hint);
    }
}

public sealed class FloatHistogramCustomTrimTests
{
    // Buckets (-Inf,0] 0, (0,10] 4, (10,20] 2, (20,+Inf] 1.
    private static readonly FloatHistogram H = new(
        FloatHistogram.CustomBucketsSchema, 0, 0, 7, 50, new BucketRun(1, [4, 2, 1]), BucketRun.Empty, customValues: [0, 10, 20]);

    [Theory]
    [InlineData(15, true, 5, 1, new double[] { 4, 1 })]
    [InlineData(5, true, 2, 1, new double[] { 2 })]
    [InlineData(15, false, 2, 2, new double[] { 1, 1 })]
    [InlineData(25, false, 1, 3, new double[] { 1 })]
    public void Trim_CustomBuckets_CutsLinearly(double value, bool keepBelow, double count, int offset, double[] buckets)
    {
        var trimmed = H.Trim(value, keepBelow);

        Assert.Equal(count, trimmed.Count);
        Assert.Equal(offset, trimmed.Positive.Offset);
        Assert.Equal(buckets, trimmed.Positive.Counts);
        Assert.Equal([0.0, 10, 20], trimmed.CustomValues!);
    }
}
