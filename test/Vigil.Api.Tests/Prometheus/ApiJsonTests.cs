using Vigil.Api.Prometheus;

namespace Vigil.Api.Tests.Prometheus;

public sealed class ApiJsonTests
{
    [Theory]
    [InlineData(1435781451781, "1435781451.781")]
    [InlineData(1500, "1.500")]
    [InlineData(1050, "1.050")]
    [InlineData(1010, "1.010")]
    [InlineData(1100, "1.100")]
    [InlineData(10, "0.010")]
    [InlineData(1001, "1.001")]
    [InlineData(1000, "1")]
    [InlineData(0, "0")]
    [InlineData(-1500, "-1.500")]
    public void FormatTimestamp_Milliseconds_SecondsWithThreeFractionDigitsAsUpstream(long ms, string expected) =>
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
    [InlineData(1435781451781, 1.0)]
    [InlineData(1500, 0.1)]
    [InlineData(1050, 1e21)]
    [InlineData(1001, 9.99e20)]
    [InlineData(1000, 1e15)]
    [InlineData(0, 123456789012345.6)]
    [InlineData(-1500, 1e-7)]
    [InlineData(-1, 1e-6)]
    [InlineData(10, -3.643808901333847e-15)]
    [InlineData(100, 0.30000000000000004)]
    [InlineData(long.MaxValue, -2.5)]
    [InlineData(long.MinValue, -0.0)]
    [InlineData(1, double.NaN)]
    [InlineData(2, double.PositiveInfinity)]
    [InlineData(3, double.NegativeInfinity)]
    public void WritePoint_Double_SameTextAsStringFormatting(long ms, double value)
    {
        Assert.Equal(Written(w => ApiJson.WritePoint(w, ms, ApiJson.FormatValue(value))), Written(w => ApiJson.WritePoint(w, ms, value)));
        Assert.Equal($"[{ApiJson.FormatTimestamp(ms)},\"{ApiJson.FormatValue(value)}\"]", Written(w => ApiJson.WritePoint(w, ms, value)));
    }

    private static string Written(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        // The API's encoder: "+" is written as it is, not as \u002B.
        var options = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, options))
        {
            write(w);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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
