using Vigil.Model.Histograms;

namespace Vigil.Model.Tests.Histograms;

public sealed class FloatHistogramTests
{
    private static FloatHistogram H(int schema, double count, double sum, int offset, double[] buckets, CounterResetHint hint = CounterResetHint.Unknown) =>
        new(schema, 0, 0, count, sum, new BucketRun(offset, buckets), BucketRun.Empty, hint);

    [Fact]
    public void Constructor_EmptyBucketsAtEitherEnd_AreTrimmed()
    {
        var h = H(0, 3, 1, -2, [0, 0, 1, 0, 2, 0]);

        Assert.Equal(0, h.Positive.Offset);
        Assert.Equal([1, 0, 2], h.Positive.Counts);
    }

    [Fact]
    public void Constructor_AllEmptyBuckets_BecomeEmptyRun()
    {
        Assert.True(H(0, 0, 0, 5, [0, 0]).Positive.IsEmpty);
    }

    [Fact]
    public void Add_SameSchema_AddsBucketsCountAndSum()
    {
        var sum = H(0, 2, 3, 0, [2]).Add(H(0, 1, 1.5, 1, [1]));

        Assert.Equal(H(0, 3, 4.5, 0, [2, 1]), sum);
    }

    [Fact]
    public void Add_DifferentSchemas_ResultHasTheCoarserSchema()
    {
        // Schema 1 buckets 1 and 2 both fall into schema 0 bucket 1: (1, 2].
        var sum = H(1, 2, 0, 1, [1, 1]).Add(H(0, 1, 0, 1, [1]));

        Assert.Equal(0, sum.Schema);
        Assert.Equal(1, sum.Positive.Offset);
        Assert.Equal([3], sum.Positive.Counts);
    }

    [Fact]
    public void Subtract_RemovesBuckets()
    {
        Assert.Equal(H(0, 1, 1, 1, [1]), H(0, 3, 4, 0, [2, 1]).Subtract(H(0, 2, 3, 0, [2])));
    }

    [Theory]
    [InlineData(CounterResetHint.Unknown, CounterResetHint.Unknown, CounterResetHint.Unknown)]
    [InlineData(CounterResetHint.Gauge, CounterResetHint.Unknown, CounterResetHint.Gauge)]
    [InlineData(CounterResetHint.Unknown, CounterResetHint.Gauge, CounterResetHint.Gauge)]
    [InlineData(CounterResetHint.NotReset, CounterResetHint.Reset, CounterResetHint.Unknown)]
    [InlineData(CounterResetHint.NotReset, CounterResetHint.NotReset, CounterResetHint.NotReset)]
    public void Add_Hints_CombineAsUpstream(CounterResetHint left, CounterResetHint right, CounterResetHint expected)
    {
        Assert.Equal(expected, H(0, 1, 1, 0, [1], left).Add(H(0, 1, 1, 0, [1], right)).Hint);
    }

    [Fact]
    public void Add_WiderZeroBucket_SwallowsBucketsBelowIt()
    {
        var narrow = new FloatHistogram(0, 0.001, 1, 3, 0, new BucketRun(0, [2]), BucketRun.Empty);
        var wide = new FloatHistogram(0, 1, 1, 1, 0, BucketRun.Empty, BucketRun.Empty);

        var sum = narrow.Add(wide);

        // Bucket 0 covers (0.5, 1], inside the zero bucket of width 1.
        Assert.Equal(1, sum.ZeroThreshold);
        Assert.Equal(4, sum.ZeroCount);
        Assert.True(sum.Positive.IsEmpty);
    }

    [Theory]
    [InlineData(2, 0, new double[] { 2 }, CounterResetHint.Unknown, false)]
    [InlineData(1, 0, new double[] { 1 }, CounterResetHint.Unknown, true)]
    [InlineData(3, 0, new double[] { 1, 2 }, CounterResetHint.Unknown, true)]
    [InlineData(3, 0, new double[] { 3 }, CounterResetHint.Reset, true)]
    [InlineData(1, 0, new double[] { 1 }, CounterResetHint.NotReset, false)]
    public void IsResetAfter_Table(double count, int offset, double[] buckets, CounterResetHint hint, bool expected)
    {
        var previous = H(0, 2, 0, 0, [2]);

        Assert.Equal(expected, H(0, count, 0, offset, buckets, hint).IsResetAfter(previous));
    }

    [Fact]
    public void IsResetAfter_FinerSchema_IsReset()
    {
        Assert.True(H(1, 2, 0, 0, [2]).IsResetAfter(H(0, 2, 0, 0, [2])));
    }

    [Fact]
    public void Constructor_SchemaOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => H(9, 0, 0, 0, []));
    }
}
