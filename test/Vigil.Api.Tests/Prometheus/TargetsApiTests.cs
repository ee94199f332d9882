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
}
