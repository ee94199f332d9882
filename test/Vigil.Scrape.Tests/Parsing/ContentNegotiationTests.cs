using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Tests.Parsing;

public sealed class ContentNegotiationTests
{
    [Theory]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("Application/OpenMetrics-Text;version=0.0.1", ExpositionFormat.OpenMetrics)]
    [InlineData("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", ExpositionFormat.PrometheusProto)]
    public void Choose_SupportedType_PicksItWithoutMessage(string contentType, ExpositionFormat expected)
    {
        Assert.Equal(new FormatChoice(expected, null), ContentNegotiation.Choose(contentType));
    }

    [Theory]
    [InlineData(null, "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target")]
    [InlineData("", "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target")]
    [InlineData("application/json", "received unsupported Content-Type \"application/json\" and no fallback_scrape_protocol specified for target")]
    [InlineData("garbage", "cannot parse Content-Type \"garbage\" and no fallback_scrape_protocol for target")]
    public void Choose_NoFallback_FailsWithUpstreamError(string? contentType, string error)
    {
        Assert.Equal(new FormatChoice(null, error), ContentNegotiation.Choose(contentType));
    }

    [Theory]
    [InlineData("", "OpenMetricsText1.0.0", ExpositionFormat.OpenMetrics, "non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol \"application/openmetrics-text\"")]
    [InlineData("garbage", "PrometheusText0.0.4", ExpositionFormat.PrometheusText, "could not parse received Content-Type \"garbage\", using fallback_scrape_protocol \"text/plain\"")]
    [InlineData("application/json", "PrometheusText1.0.0", ExpositionFormat.PrometheusText, "received unsupported Content-Type \"application/json\", using fallback_scrape_protocol \"text/plain\"")]
    public void Choose_WithFallback_UsesFallbackAndSaysWhy(string contentType, string fallback, ExpositionFormat expected, string note)
    {
        Assert.Equal(new FormatChoice(expected, note), ContentNegotiation.Choose(contentType, fallback));
    }

    [Fact]
    public void Choose_ProtobufFallback_UsesTheProtobufParser()
    {
        var choice = ContentNegotiation.Choose("", "PrometheusProto");

        Assert.Equal(ExpositionFormat.PrometheusProto, choice.Format);
        Assert.Equal("non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol \"application/vnd.google.protobuf\"", choice.Message);
    }

    [Fact]
    public void AcceptHeader_Default_UpstreamOrderAndWeights()
    {
        Assert.Equal(
            "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5," +
            "text/plain;version=1.0.0;escaping=underscores;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            ContentNegotiation.AcceptHeader(utf8Names: false));
    }

    [Theory]
    [InlineData(new[] { "PrometheusText0.0.4" }, "text/plain;version=0.0.4;q=0.6,*/*;q=0.5")]
    [InlineData(new[] { "PrometheusText1.0.0", "OpenMetricsText0.0.1" }, "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,*/*;q=0.4")]
    [InlineData(new[] { "PrometheusProto", "OpenMetricsText1.0.0" },
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,*/*;q=0.4")]
    public void AcceptHeader_ConfiguredProtocols_InOrderWithFallingWeights(string[] protocols, string expected)
    {
        Assert.Equal(expected, ContentNegotiation.AcceptHeader(protocols, utf8Names: true));
    }
}
