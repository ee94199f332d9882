using Vigil.Api.Prometheus;

namespace Vigil.Api.Tests.Prometheus;

public sealed class ApiJsonTests
{
    [Theory]
    [InlineData(1435781451781, "1435781451.781")]
    [InlineData(1500, "1.5")]
    [InlineData(1050, "1.05")]
    [InlineData(1001, "1.001")]
    [InlineData(1000, "1")]
    [InlineData(0, "0")]
    [InlineData(-1500, "-1.5")]
    public void FormatTimestamp_Milliseconds_SecondsWithoutTrailingZeros(long ms, string expected) =>
        Assert.Equal(expected, ApiJson.FormatTimestamp(ms));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(9.99e20, "999000000000000000000")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(-3.643808901333847e-15, "-3.643808901333847e-15")]
    [InlineData(1.5e-300, "1.5e-300")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void FormatValue_Float_GoShortestExponentOnlyOutsideUpstreamRange(double value, string expected) =>
        Assert.Equal(expected, ApiJson.FormatValue(value));

    [Theory]
    [InlineData(ApiErrorType.BadData, "bad_data", 400)]
    [InlineData(ApiErrorType.Execution, "execution", 422)]
    [InlineData(ApiErrorType.Canceled, "canceled", 499)]
    [InlineData(ApiErrorType.Timeout, "timeout", 503)]
    [InlineData(ApiErrorType.Internal, "internal", 500)]
    [InlineData(ApiErrorType.NotFound, "not_found", 404)]
    public void ApiError_Type_WireNameAndStatus(ApiErrorType type, string name, int status)
    {
        var e = new ApiError(type, "x");
        Assert.Equal((name, status), (e.TypeName, e.StatusCode));
    }
}
