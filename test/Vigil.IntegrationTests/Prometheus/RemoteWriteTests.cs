using System.Globalization;
using System.Net;
using Vigil.Api.Tests.Prometheus;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>Remote write into the published binary, then the data read back through the query API.</summary>
public sealed class RemoteWriteTests
{
    private static string Seconds(long ms) => (ms / 1000.0).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Write_GeneratedSet_EveryPointQueryableByRangeQuery()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync();
        const int seriesCount = 40, steps = 60;
        for (var batch = 0; batch < steps; batch += 20)
        {
            using var response = await vigil.WriteAsync(GeneratedSeries.Make(seriesCount, batch, 20));
            Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{vigil.Diagnostics()}");
        }
        var end = GeneratedSeries.Start + ((steps - 1) * GeneratedSeries.Step);
        var (status, body) = await vigil.ApiAsync($"/api/v1/query_range?query=gen_metric&start={Seconds(GeneratedSeries.Start)}&end={Seconds(end)}&step=15s");
        Assert.Equal(200, status);
        var result = body["data"]!["result"]!.AsArray();
        Assert.Equal(seriesCount, result.Count);
        foreach (var series in result)
        {
            var i = int.Parse(series!["metric"]!["series"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var values = series["values"]!.AsArray();
            Assert.Equal(steps, values.Count);
            for (var s = 0; s < steps; s++)
            {
                Assert.Equal(GeneratedSeries.Value(i, s).ToString(CultureInfo.InvariantCulture), values[s]![1]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Write_ThenAggregateInstantQuery_SumsPerGroup()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync();
        using var response = await vigil.WriteAsync(GeneratedSeries.Make(8, 0, 1));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (_, body) = await vigil.ApiAsync($"/api/v1/query?query=sum+by+(group)(gen_metric)&time={Seconds(GeneratedSeries.Start + 1000)}");
        var sums = body["data"]!["result"]!.AsArray().ToDictionary(r => r!["metric"]!["group"]!.GetValue<string>(), r => r!["value"]![1]!.GetValue<string>());
        Assert.Equal("4000.5", sums["0"]);
        Assert.Equal("6000.5", sums["1"]);
    }

    [Theory]
    [InlineData("not-snappy", "snappy: corrupt input")]
    [InlineData("not-protobuf", "proto: cannot parse WriteRequest")]
    [InlineData("no-name", "has no __name__ label")]
    [InlineData("duplicate-label", "duplicated label job")]
    public async Task Write_BadBody_400WithReasonAndServerStaysUp(string kind, string reason)
    {
        await using var vigil = await VigilPrometheusServer.StartAsync();
        byte[] body = kind switch
        {
            "not-snappy" => [1, 2, 3, 4, 5, 6],
            "not-protobuf" => Snappier.Snappy.CompressToArray([0x0a, 0xff, 0xff, 0xff, 0x0f]),
            "no-name" => RemoteWriteEncoder.Encode([new RemoteWriteEncoder.Series([("job", "x")], [(GeneratedSeries.Start, 1)])]),
            _ => RemoteWriteEncoder.Encode([new RemoteWriteEncoder.Series([("__name__", "m"), ("job", "a"), ("job", "b")], [(GeneratedSeries.Start, 1)])]),
        };
        using var response = await vigil.WriteAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var good = await vigil.WriteAsync(GeneratedSeries.Make(1, 0, 1));
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
    }

    [Fact]
    public async Task Write_ReceiverNotEnabled_404()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync(null, "--no-web.enable-remote-write-receiver");
        using var response = await vigil.WriteAsync(GeneratedSeries.Make(1, 0, 1));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Write_OlderThanStored_400OutOfOrderAndBatchRolledBack()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync();
        using var first = await vigil.WriteAsync(GeneratedSeries.Make(1, 10, 1));
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var batch = GeneratedSeries.Make(2, 11, 1);
        batch.AddRange(GeneratedSeries.Make(1, 5, 1));
        using var late = await vigil.WriteAsync(batch);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal("out of order sample", (await late.Content.ReadAsStringAsync()).Trim());
        var (_, body) = await vigil.ApiAsync($"/api/v1/query?query=count_over_time(gen_metric%5B1h%5D)&time={Seconds(GeneratedSeries.Start + (20 * GeneratedSeries.Step))}");
        Assert.Equal("""[{"metric":{"group":"0","series":"000"},"value":[1700000300,"1"]}]""", body["data"]!["result"]!.ToJsonString());
        Assert.Contains("vigil_remote_write_samples_rejected_total{reason=\"out_of_order\"} 1", await vigil.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }
}
