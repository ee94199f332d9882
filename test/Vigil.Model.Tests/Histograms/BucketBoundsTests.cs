using Vigil.Model.Histograms;

namespace Vigil.Model.Tests.Histograms;

public sealed class BucketBoundsTests
{
    // Expected values are upstream's bounds, except where its 16-digit table is not correctly rounded (noted).
    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(1, 0, 2.0)]
    [InlineData(-1, 0, 0.5)]
    [InlineData(1, 3, 0.5452538663326288 * 2)]
    [InlineData(3, 2, 1.681792830507429)] // upstream's 16-digit table gives 1.6817928305074288
    [InlineData(9, 3, 0.5452538663326288 * 4)]
    [InlineData(1, -1, 4.0)]
    [InlineData(-2, -2, 1.0 / 256)]
    [InlineData(256, -2, double.MaxValue)]
    public void Upper_IndexAndSchema_MatchesUpstreamBits(int index, int schema, double expected) =>
        Assert.Equal(BitConverter.DoubleToUInt64Bits(expected), BitConverter.DoubleToUInt64Bits(BucketBounds.Upper(index, schema)));

    [Fact]
    public void Lower_Bucket_IsUpperOfPrevious() => Assert.Equal(1.0, BucketBounds.Lower(1, 0));
}
