using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Tests.Parser;

public sealed class NumberFormatTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(-3.643808901333847e-15, "-0.000000000000003643808901333847")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(1.25e22, "12500000000000000000000")]
    [InlineData(1e-7, "0.0000001")]
    [InlineData(double.NaN, "NaN")]
    public void FormatNumber_Float_GoFixedShortest(double value, string expected) => Assert.Equal(expected, Printer.FormatNumber(value));

    [Theory]
    [InlineData(1e-7, "1e-07")]
    [InlineData(3.5e-7, "3.5e-07")]
    [InlineData(1e21, "1e+21")]
    [InlineData(-1.5e-300, "-1.5e-300")]
    [InlineData(0.30000000000000004, "3.0000000000000004e-01")]
    [InlineData(50.0, "5e+01")]
    [InlineData(1234567.5, "1.2345675e+06")]
    [InlineData(-0.00123, "-1.23e-03")]
    [InlineData(100.87166666666668, "1.0087166666666668e+02")]
    [InlineData(0.0, "0e+00")]
    [InlineData(-0.0, "-0e+00")]
    public void FormatExponent_Float_GoExponentShortest(double value, string expected) => Assert.Equal(expected, Printer.FormatExponent(value));
}
