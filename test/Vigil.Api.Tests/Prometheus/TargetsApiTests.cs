using System.Text.Json;
using Vigil.Api.Prometheus;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.PrometheusHost;
using Vigil.Scrape;
using Vigil.Scrape.Loop;
using Vigil.Scrape.Targets;

namespace Vigil.Api.Tests.Prometheus;

public sealed class TargetsApiTests
{
    private static JsonElement Render(ApiResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            result.Data(w);
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    [Theory]
    [InlineData(HealthState.Up, "", "up")]
    [InlineData(HealthState.Down, "connection refused", "down")]
    [InlineData(HealthState.Unknown, "", "unknown")]
    public void Targets_ActiveTarget_UpstreamShape(HealthState state, string error, string expected)
    {
        var target = new ScrapeTarget("node", LabelSet.Of("instance", "a:9100", "job", "node"), LabelSet.Of("instance", "a:9100", "job", "node"),
            LabelSet.Of("__address__", "a:9100"), new Uri("http://a:9100/metrics"));
        var health = new TargetHealth(state, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), TimeSpan.FromMilliseconds(250), error, 10);
        var options = new ScrapeOptions(new ScrapeConfig { JobName = "node", ScrapeInterval = TimeSpan.FromSeconds(15), ScrapeTimeout = TimeSpan.FromSeconds(10) });
        var data = Render(TargetsApi.Targets([new ActiveTargetStatus(target, health, options)], [new DroppedTargetStatus("node", LabelSet.Of("__address__", "b:1"))]));
        var active = data.GetProperty("activeTargets")[0];
        Assert.Equal(expected, active.GetProperty("health").GetString());
        Assert.Equal(error, active.GetProperty("lastError").GetString());
        Assert.Equal(("node", "http://a:9100/metrics", "15s", "10s"), (active.GetProperty("scrapePool").GetString(), active.GetProperty("scrapeUrl").GetString(), active.GetProperty("scrapeInterval").GetString(), active.GetProperty("scrapeTimeout").GetString()));
        Assert.Equal(0.25, active.GetProperty("lastScrapeDuration").GetDouble());
        Assert.Equal("a:9100", active.GetProperty("labels").GetProperty("instance").GetString());
        Assert.Equal("b:1", data.GetProperty("droppedTargets")[0].GetProperty("discoveredLabels").GetProperty("__address__").GetString());
    }

    private static ActiveTargetStatus Active(string job, string address)
    {
        var labels = LabelSet.Of("instance", address, "job", job);
        var target = new ScrapeTarget(job, labels, labels, LabelSet.Of("__address__", address), new Uri($"http://{address}/metrics"));
        var health = new TargetHealth(HealthState.Up, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), TimeSpan.Zero, "", 1);
        return new ActiveTargetStatus(target, health, new ScrapeOptions(new ScrapeConfig { JobName = job, ScrapeInterval = TimeSpan.FromSeconds(15), ScrapeTimeout = TimeSpan.FromSeconds(10) }));
    }

    [Theory]
    [InlineData("", "a:1 b:1", "x:1", "{\"api\":0,\"node\":1}")]
    [InlineData("state=any", "a:1 b:1", "x:1", "{\"api\":0,\"node\":1}")]
    [InlineData("state=ACTIVE", "a:1 b:1", "", "null")]
    [InlineData("state=dropped", "", "x:1", "{\"api\":0,\"node\":1}")]
    [InlineData("state=other", "", "", "null")]
    [InlineData("scrapePool=api", "b:1", "", "{\"api\":0,\"node\":1}")]
    [InlineData("scrapePool=node&state=dropped", "", "x:1", "{\"api\":0,\"node\":1}")]
    public void Targets_StateAndPool_Filtered(string query, string activeAddresses, string droppedAddresses, string counts)
    {
        var data = Render(TargetsApi.Targets([Active("node", "a:1"), Active("api", "b:1")], [new DroppedTargetStatus("node", LabelSet.Of("__address__", "x:1"))], ["node", "api"], ApiTestKit.Request(query)));
        Assert.Equal(activeAddresses, string.Join(" ", data.GetProperty("activeTargets").EnumerateArray().Select(t => t.GetProperty("labels").GetProperty("instance").GetString())));
        Assert.Equal(droppedAddresses, string.Join(" ", data.GetProperty("droppedTargets").EnumerateArray().Select(t => t.GetProperty("discoveredLabels").GetProperty("__address__").GetString())));
        Assert.Equal(counts, data.GetProperty("droppedTargetCounts").GetRawText());
    }

    [Fact]
    public void ScrapePools_Unsorted_SortedList() =>
        Assert.Equal("[\"api\",\"node\"]", Render(TargetsApi.ScrapePools(["node", "api"])).GetProperty("scrapePools").GetRawText());
}
