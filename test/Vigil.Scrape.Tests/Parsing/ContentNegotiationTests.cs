using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Tests.Parsing;

public sealed class ContentNegotiationTests
{
    [Theory]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("Application/OpenMetrics-Text;version=0.0.1", ExpositionFormat.OpenMetrics)]
    public void Choose_SupportedType_PicksItWithoutNote(string contentType, ExpositionFormat expected)
    {
        Assert.Equal(new FormatChoice(expected, null), ContentNegotiation.Choose(contentType));
    }

    [Theory]
    [InlineData(null, "target sent no Content-Type; parsing as the Prometheus text format")]
    [InlineData("", "target sent no Content-Type; parsing as the Prometheus text format")]
    [InlineData("application/json", "unsupported Content-Type \"application/json\"; parsing as the Prometheus text format")]
    [InlineData("garbage", "cannot parse Content-Type \"garbage\"; parsing as the Prometheus text format")]
    [InlineData("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", "protobuf exposition is not supported; parsing as the Prometheus text format")]
    public void Choose_NoFallback_UsesTextWithNote(string? contentType, string note)
    {
        Assert.Equal(new FormatChoice(ExpositionFormat.PrometheusText, note), ContentNegotiation.Choose(contentType));
    }

    [Fact]
    public void Choose_WithFallback_UsesFallbackAndSaysSo()
    {
        var choice = ContentNegotiation.Choose("", ExpositionFormat.OpenMetrics);
        Assert.Equal(ExpositionFormat.OpenMetrics, choice.Format);
        Assert.Equal("target sent no Content-Type; parsing as fallback_scrape_protocol (OpenMetrics)", choice.Note);
    }

    [Fact]
    public void AcceptHeader_OffersOpenMetricsFirst()
    {
        Assert.Equal(
            "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5," +
            "text/plain;version=1.0.0;escaping=underscores;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            ContentNegotiation.AcceptHeader(utf8Names: false));
    }
}
