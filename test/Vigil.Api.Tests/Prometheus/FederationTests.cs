using System.Net;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Tests.Prometheus;

public sealed class FederationTests
{
    private static readonly TimeSpan Lookback = TimeSpan.FromMinutes(5);

    private static string Render(TestBackend backend, string query, long nowMs, LabelSet? external = null) =>
        Federation.Render(backend.Storage, Federation.Selectors(ApiTestKit.Request(query)), nowMs, Lookback, external ?? LabelSet.Empty);

    [Fact]
    public void Render_MatchingSeries_LatestSampleWithTimestampPerSeries()
    {
        var text = Render(TestBackend.WithData(), "match[]=up", 40_000);
        Assert.Equal(
            "# TYPE up untyped\n" +
            "up{instance=\"a:9100\",job=\"node\"} 1 30000\n" +
            "up{instance=\"b:80\",job=\"api\"} 0 30000\n", text);
    }

    [Fact]
    public void Render_SeveralSelectors_EachSeriesOnceFamiliesByName()
    {
        var text = Render(TestBackend.WithData(), "match[]=up&match[]={job=\"api\"}", 40_000);
        Assert.Equal(
            "# TYPE http_requests_total untyped\n" +
            "http_requests_total{code=\"200\",job=\"api\",instance=\"\"} 30 30000\n" +
            "# TYPE up untyped\n" +
            "up{instance=\"a:9100\",job=\"node\"} 1 30000\n" +
            "up{instance=\"b:80\",job=\"api\"} 0 30000\n", text);
    }

    [Fact]
    public void Render_ExternalLabels_AddedUnlessTheSeriesHasThem()
    {
        var backend = new TestBackend().With(("__name__,x,site,own", 1000, 1), ("__name__,y", 1000, 2));
        var text = Render(backend, "match[]={__name__=~\"x|y\"}", 2000, LabelSet.Of("site", "lab", "zone", "z1"));
        Assert.Equal(
            "# TYPE x untyped\n" +
            "x{site=\"own\",instance=\"\",zone=\"z1\"} 1 1000\n" +
            "# TYPE y untyped\n" +
            "y{instance=\"\",site=\"lab\",zone=\"z1\"} 2 1000\n", text);
    }

    [Theory]
    [InlineData(30_000 + 300_000, true)]
    [InlineData(30_000 + 300_001, false)]
    [InlineData(29_999, true)]
    public void Render_Lookback_OnlySamplesInTheWindow(long nowMs, bool listed)
    {
        var text = Render(TestBackend.WithData(), "match[]=up{job=\"node\"}", nowMs);
        Assert.Equal(listed, text.Contains("up{", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_LatestIsStaleMarker_SeriesLeftOut()
    {
        var backend = new TestBackend().With(("__name__,gone", 1000, 1), ("__name__,gone", 2000, StaleNaN.Value), ("__name__,kept", 1000, 1));
        Assert.Equal("# TYPE kept untyped\nkept{instance=\"\"} 1 1000\n", Render(backend, "match[]={__name__=~\"gone|kept\"}", 3000));
    }

    [Fact]
    public void Render_NoMatch_Empty() => Assert.Equal("", Render(TestBackend.WithData(), "", 40_000));

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100000, "100000")]
    [InlineData(1000000, "1e+06")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0, "0")]
    public void FormatValue_GoShortestG(double value, string expected) => Assert.Equal(expected, Federation.FormatValue(value));

    [Fact]
    public async Task GetFederate_OverHttp_TextWithExternalLabels()
    {
        var backend = new TestBackend();
        var now = backend.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        backend.With(("__name__,up,job,node,instance,a:9100", now - 10_000, 1), ("__name__,up,job,api,instance,b:80", now - 10_000, 0));
        await using var prom = await TestPrometheus.StartAsync(backend);
        var response = await prom.Http.GetAsync("/federate?match%5B%5D=up%7Bjob%3D%22node%22%7D");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"# TYPE up untyped\nup{{instance=\"a:9100\",job=\"node\",site=\"lab\"}} 1 {now - 10_000}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetFederate_BadSelector_400PlainText()
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());
        var response = await prom.Http.GetAsync("/federate?match%5B%5D=up%7B");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("parse error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
