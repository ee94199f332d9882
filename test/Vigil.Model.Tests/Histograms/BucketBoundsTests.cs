using System.Numerics;
using Vigil.Model.Histograms;

namespace Vigil.Model.Tests.Histograms;

public sealed class BucketBoundsTests
{
    public static TheoryData<int> ExponentialSchemas => [0, 1, 2, 3, 4, 5, 6, 7, 8];

    // Expected values are upstream's bounds, except where its table is not correctly rounded (noted).
    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(1, 0, 2.0)]
    [InlineData(-1, 0, 0.5)]
    [InlineData(1, 3, 0.5452538663326288 * 2)]
    [InlineData(3, 2, 1.681792830507429)] // upstream's table gives 1.6817928305074288
    [InlineData(9, 3, 0.5452538663326288 * 4)]
    [InlineData(1, -1, 4.0)]
    [InlineData(-2, -2, 1.0 / 256)]
    [InlineData(256, -2, double.MaxValue)]
    [InlineData(8192, 3, double.MaxValue)]
    [InlineData(1024 * 256, 8, double.MaxValue)]
    public void Upper_IndexAndSchema_MatchesUpstreamBits(int index, int schema, double expected) =>
        Assert.Equal(BitConverter.DoubleToUInt64Bits(expected), BitConverter.DoubleToUInt64Bits(BucketBounds.Upper(index, schema)));

    [Theory]
    [MemberData(nameof(ExponentialSchemas))]
    public void Upper_EveryFractionOfSchema_IsTheDoubleNearestToTheTrueBound(int schema)
    {
        var n = 1 << schema;
        for (var f = 0; f < n; f++)
        {
            // Index f - n has exponent 0: the bound is the fraction 2^(f/n - 1) itself, in [0.5, 1).
            var bound = BucketBounds.Upper(f - n, schema);
            Assert.True(IsNearestDouble(bound, f, n), $"schema {schema}, fraction {f}: {bound:R} is not the nearest double");
        }
    }

    [Theory]
    [InlineData(773, 8)]
    [InlineData(-71, 4)]
    [InlineData(7000, 6)]
    [InlineData(-3, 1)]
    public void Upper_AnyIndex_IsItsFractionScaledByAnExactPowerOfTwo(int index, int schema)
    {
        var n = 1 << schema;
        var fraction = ((index % n) + n) % n;
        var power = (int)Math.Floor((double)index / n) + 1;

        Assert.Equal(Math.ScaleB(BucketBounds.Upper(fraction - n, schema), power), BucketBounds.Upper(index, schema));
    }

    [Fact]
    public void Lower_Bucket_IsUpperOfPrevious() => Assert.Equal(1.0, BucketBounds.Lower(1, 0));

    [Theory]
    [InlineData(13, 3)]
    [InlineData(-40, 8)]
    [InlineData(3, -2)]
    public void FloatHistogramUpperBound_AnyBucket_IsTheBoundTheApiWrites(int index, int schema) =>
        Assert.Equal(BucketBounds.Upper(index, schema), FloatHistogram.UpperBound(index, schema));

    /// <summary>
    /// Whether <paramref name="value"/> (in [0.5, 1)) is the double nearest to 2^(f/n - 1), decided exactly and
    /// without any root: the true value lies strictly between the midpoints to the neighbouring doubles exactly when
    /// lo^n &lt; 2^(f - n) &lt; hi^n, compared as integers scaled by 2^(55 n).
    /// </summary>
    private static bool IsNearestDouble(double value, int f, int n)
    {
        if (value is < 0.5 or >= 1)
        {
            return false;
        }
        // value = m / 2^53 with m in [2^52, 2^53); the midpoints in units of 2^-55. Below 0.5 the spacing halves.
        var m = new BigInteger(Math.ScaleB(value, 53));
        var high = (4 * m) + 2;
        var low = m == (BigInteger.One << 52) ? (4 * m) - 1 : (4 * m) - 2;
        var target = BigInteger.One << ((55 * n) + f - n);
        return BigInteger.Pow(low, n) < target && target < BigInteger.Pow(high, n);
    }
}
