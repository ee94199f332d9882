using Vigil.Rules.UnitTesting;

namespace Vigil.Rules.Tests.Evaluation;

public sealed class GoFormatTests
{
    [Theory]
    [InlineData(3.0, "3E+00")]
    [InlineData(60.0, "6E+01")]
    [InlineData(3.0000000000000004, "3.0000000000000004E+00")]
    [InlineData(-0.00015, "-1.5E-04")]
    [InlineData(1704067500.0, "1.7040675E+09")]
    public void FloatE_Value_FormattedAsGoStrconvE(double value, string expected) => Assert.Equal(expected, GoFormat.FloatE(value));
}
