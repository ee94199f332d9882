using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>The query API's errors and flags as the published binary answers them.</summary>
public sealed class QueryApiTests
{
    [Theory]
    [InlineData("/api/v1/query?query=sum(", 400, "bad_data", "invalid parameter \"query\": 1:5: parse error: ")]
    [InlineData("/api/v1/query?query=up&time=tomorrow", 400, "bad_data", "invalid parameter \"time\": invalid time value for 'time': cannot parse \"tomorrow\" to a valid timestamp")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=1e6&step=1", 400, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("/api/v1/query_range?query=up&start=10&end=0&step=1", 400, "bad_data", "invalid parameter \"end\": end timestamp must not be before start time")]
    [InlineData("/api/v1/query?query=up&timeout=0", 503, "timeout", "query timed out in query execution")]
    public async Task Query_Bad_UpstreamErrorShape(string path, int status, string type, string message)
    {
        await using var vigil = await VigilPrometheusServer.StartAsync();
        var (code, body) = await vigil.ApiAsync(path);
        Assert.Equal(status, code);
        Assert.Equal(("error", type), (body["status"]!.GetValue<string>(), body["errorType"]!.GetValue<string>()));
        Assert.StartsWith(message, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_MaxSamplesFlag_TooManySamplesIs422()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync(null, "--query.max-samples=5");
        using var write = await vigil.WriteAsync(GeneratedSeries.Make(10, 0, 1));
        var (code, body) = await vigil.ApiAsync($"/api/v1/query?query=gen_metric&time={(GeneratedSeries.Start / 1000) + 1}");
        Assert.Equal(422, code);
        Assert.Equal("execution", body["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task StatusFlags_Started_ShowsEffectiveFlags()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync(null, "--query.timeout=30s");
        var (_, body) = await vigil.ApiAsync("/api/v1/status/flags");
        Assert.Equal("30s", body["data"]!["query.timeout"]!.GetValue<string>());
        Assert.Equal("true", body["data"]!["web.enable-remote-write-receiver"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_UnknownFlag_ClearErrorExit1()
    {
        var (code, output) = await VigilBinary.RunAsync(["prometheus", "--storage.tsdb.nonsense=1"]);
        Assert.Equal(1, code);
        Assert.Contains("unknown long flag '--storage.tsdb.nonsense'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConfigWithUnknownKey_Exit1NamingFileLineAndField()
    {
        using var dir = new TempDirectory("vigil-prom-bad");
        var config = dir.Write("prometheus.yml", "global:\n  scrape_intervall: 5s\n");
        var (code, output) = await VigilBinary.RunAsync(["prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.Sub("data"), "--web.listen-address=" + FreePort.NextAddress()]);
        Assert.Equal(1, code);
        Assert.Contains("prometheus.yml:2:3: global.scrape_intervall", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LogsListeningAddress_AndSigtermExitsCleanly()
    {
        var vigil = await VigilPrometheusServer.StartAsync();
        await using (vigil)
        {
            Assert.Contains($"msg=\"Listening on\" address={vigil.ListenAddress}", vigil.Process.Output, StringComparison.Ordinal);
            await vigil.Process.SignalAsync("TERM");
            await vigil.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, vigil.Process.ExitCode);
        }
    }
}
