using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>The API over HTTP, in the request shapes Grafana's Prometheus data source and promtool send.</summary>
public sealed class PrometheusHttpTests
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value)));

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ReadAsync(HttpResponseMessage response) =>
        (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());

    [Fact]
    public async Task PostQuery_GrafanaForm_SuccessEnvelope()
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());
        var (status, body) = await ReadAsync(await prom.Http.PostAsync("/api/v1/query", Form(("query", "sum by (job) (up)"), ("time", "30"))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"node"},"value":[30,"1"]},{"metric":{"job":"api"},"value":[30,"0"]}]}}""", body.ToJsonString());
    }

    [Fact]
    public async Task PostQueryRange_GrafanaForm_Matrix()
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());
        var response = await prom.Http.PostAsync("/api/v1/query_range", Form(("query", "up{job=\"node\"}"), ("start", "0"), ("end", "30"), ("step", "15")));
        var (status, body) = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""[[0,"1"],[15,"1"],[30,"1"]]""", body["data"]!["result"]![0]!["values"]!.ToJsonString());
    }

    [Theory]
    [InlineData("/api/v1/labels?start=0&end=60", """["__name__","code","instance","job"]""")]
    [InlineData("/api/v1/label/__name__/values?start=0&end=60", """["http_requests_total","up"]""")]
    [InlineData("/api/v1/label/job/values?match%5B%5D=up&start=0&end=60", """["api","node"]""")]
    [InlineData("/api/v1/series?match%5B%5D=http_requests_total&start=0&end=60", """[{"__name__":"http_requests_total","code":"200","job":"api"}]""")]
    [InlineData("/api/v1/metadata", "{}")]
    [InlineData("/api/v1/query_exemplars?query=up&start=0&end=60", "[]")]
    public async Task Get_GrafanaLookups_Data(string path, string data)
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());
        var (status, body) = await ReadAsync(await prom.Http.GetAsync(path));
        Assert.Equal((HttpStatusCode.OK, "success"), (status, body["status"]!.GetValue<string>()));
        Assert.Equal(data, body["data"]!.ToJsonString());
    }

    [Fact]
    public async Task GetExemplars_QueryWithoutSelector_204NoBody()
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());
        var response = await prom.Http.GetAsync("/api/v1/query_exemplars?query=1");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostSeriesAndLabels_FormWithRepeatedMatch_Union()
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());
        var (_, series) = await ReadAsync(await prom.Http.PostAsync("/api/v1/series", Form(("match[]", "up{job=\"api\"}"), ("match[]", "http_requests_total"))));
        Assert.Equal(2, series["data"]!.AsArray().Count);
        var (_, labels) = await ReadAsync(await prom.Http.PostAsync("/api/v1/labels", Form(("match[]", "http_requests_total"))));
        Assert.Equal("""["__name__","code","job"]""", labels["data"]!.ToJsonString());
    }

    [Fact]
    public async Task GetBuildInfo_Grafana_VersionPresent()
    {
        await using var prom = await TestPrometheus.StartAsync(new TestBackend());
        var (status, body) = await ReadAsync(await prom.Http.GetAsync("/api/v1/status/buildinfo"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body["data"]!["version"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/v1/query?query=sum(", HttpStatusCode.BadRequest, "bad_data", "invalid parameter \"query\": 1:5: parse error:")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=100000&step=1", HttpStatusCode.BadRequest, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries.")]
    [InlineData("/api/v1/query?query=up&timeout=0s", HttpStatusCode.ServiceUnavailable, "timeout", "query timed out in query execution")]
    [InlineData("/api/v1/series", HttpStatusCode.BadRequest, "bad_data", "no match[] parameter provided")]
    public async Task Get_BadRequest_ErrorEnvelopeAndStatus(string path, HttpStatusCode expected, string type, string message)
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());
        var (status, body) = await ReadAsync(await prom.Http.GetAsync(path));
        Assert.Equal(expected, status);
        Assert.Equal(("error", type), (body["status"]!.GetValue<string>(), body["errorType"]!.GetValue<string>()));
        Assert.StartsWith(message, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, body.Count);
    }

    [Fact]
    public async Task PostWrite_Enabled_204ThenQueryable()
    {
        await using var prom = await TestPrometheus.StartAsync(new TestBackend());
        var body = new ByteArrayContent(RemoteWriteEncoder.Encode([new RemoteWriteEncoder.Series([("__name__", "rw"), ("k", "v")], [(10_000, 42)])]));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        body.Headers.ContentEncoding.Add("snappy");
        Assert.Equal(HttpStatusCode.NoContent, (await prom.Http.PostAsync("/api/v1/write", body)).StatusCode);
        var (_, answer) = await ReadAsync(await prom.Http.GetAsync("/api/v1/query?query=rw&time=20"));
        Assert.Equal("""[{"metric":{"__name__":"rw","k":"v"},"value":[20,"42"]}]""", answer["data"]!["result"]!.ToJsonString());
        Assert.Contains("vigil_remote_write_samples_appended_total 1", await prom.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWrite_Garbage_400PlainTextReason()
    {
        await using var prom = await TestPrometheus.StartAsync(new TestBackend());
        var response = await prom.Http.PostAsync("/api/v1/write", new ByteArrayContent([9, 9, 9]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("snappy: corrupt input", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWrite_ReceiverDisabled_404()
    {
        await using var prom = await TestPrometheus.StartAsync(new TestBackend(), remoteWrite: false);
        Assert.Equal(HttpStatusCode.NotFound, (await prom.Http.PostAsync("/api/v1/write", new ByteArrayContent([]))).StatusCode);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK, 1)]
    [InlineData(false, HttpStatusCode.Forbidden, 0)]
    public async Task PostReload_LifecycleFlag_ReloadsOnlyWhenEnabled(bool lifecycle, HttpStatusCode expected, int reloads)
    {
        await using var prom = await TestPrometheus.StartAsync(new TestBackend(), lifecycle: lifecycle);
        Assert.Equal(expected, (await prom.Http.PostAsync("/-/reload", null)).StatusCode);
        Assert.Equal(reloads, prom.Reloads);
    }

    [Theory]
    [InlineData("/-/healthy", "Prometheus Server is Healthy.\n")]
    [InlineData("/-/ready", "Prometheus Server is Ready.\n")]
    public async Task Get_Lifecycle_UpstreamText(string path, string text)
    {
        await using var prom = await TestPrometheus.StartAsync(new TestBackend());
        Assert.Equal(text, await prom.Http.GetStringAsync(path));
    }
}
