using Vigil.Api.Prometheus;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.PrometheusHost;
using Vigil.Scrape;
using Vigil.Scrape.Loop;
using Vigil.Scrape.Parsing;
using Vigil.Scrape.Targets;

namespace Vigil.Api.Tests.Prometheus;

public sealed class MetadataApiTests
{
    private static readonly MetricMetadata Up = new("node_up", MetricType.Gauge, "Is it up.", "");
    private static readonly MetricMetadata Requests = new("http_requests_total", MetricType.Counter, "Requests.", "");
    private static readonly MetricMetadata RequestsOther = new("http_requests_total", MetricType.Counter, "Requests served.", "");

    private static ActiveTargetStatus Target(string job, string address, params MetricMetadata[] metadata)
    {
        var labels = LabelSet.Of("instance", address, "job", job);
        var target = new ScrapeTarget(job, labels, labels, LabelSet.Of("__address__", address), new Uri($"http://{address}/metrics"));
        var health = new TargetHealth(HealthState.Up, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), TimeSpan.Zero, "", 1);
        var options = new ScrapeOptions(new ScrapeConfig { JobName = job, ScrapeInterval = TimeSpan.FromSeconds(15), ScrapeTimeout = TimeSpan.FromSeconds(10) });
        return new ActiveTargetStatus(target, health, options) { Metadata = metadata };
    }

    private static readonly ActiveTargetStatus[] Targets =
    [
        Target("api", "a:1", Requests, Up),
        Target("node", "n:1", Up),
        Target("node", "n:2", RequestsOther, Up),
    ];

    [Theory]
    [InlineData("metric=node_up&match_target={job=\"api\"}", """[{"target":{"instance":"a:1","job":"api"},"type":"gauge","help":"Is it up.","unit":""}]""")]
    [InlineData("match_target={instance=\"n:1\"}", """[{"target":{"instance":"n:1","job":"node"},"metric":"node_up","type":"gauge","help":"Is it up.","unit":""}]""")]
    [InlineData("metric=nothing", "[]")]
    [InlineData("limit=0", "[]")]
    [InlineData("limit=1&match_target={job=\"node\"}", """[{"target":{"instance":"n:1","job":"node"},"metric":"node_up","type":"gauge","help":"Is it up.","unit":""}]""")]
    public void TargetMetadata_Filters_UpstreamShape(string query, string expected) =>
        Assert.Equal(expected, ApiTestKit.Data(MetadataApi.TargetMetadata(Targets, ApiTestKit.Request(query))));

    [Fact]
    public void TargetMetadata_LimitReachedInsideTarget_TargetStillComplete()
    {
        // Upstream checks the limit before each target, not each entry.
        var data = ApiTestKit.Data(MetadataApi.TargetMetadata(Targets, ApiTestKit.Request("limit=1")));

        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(data).RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("", """{"http_requests_total":[{"type":"counter","unit":"","help":"Requests."},{"type":"counter","unit":"","help":"Requests served."}],"node_up":[{"type":"gauge","unit":"","help":"Is it up."}]}""")]
    [InlineData("metric=node_up", """{"node_up":[{"type":"gauge","unit":"","help":"Is it up."}]}""")]
    [InlineData("limit=1", """{"http_requests_total":[{"type":"counter","unit":"","help":"Requests."},{"type":"counter","unit":"","help":"Requests served."}]}""")]
    [InlineData("limit_per_metric=1", """{"http_requests_total":[{"type":"counter","unit":"","help":"Requests."}],"node_up":[{"type":"gauge","unit":"","help":"Is it up."}]}""")]
    [InlineData("limit=0", "{}")]
    [InlineData("limit=-1&metric=none", "{}")]
    public void Metadata_DistinctPerFamily_UpstreamShape(string query, string expected) =>
        Assert.Equal(expected, ApiTestKit.Data(MetadataApi.Metadata(Targets, ApiTestKit.Request(query))));

    [Theory]
    [InlineData("limit=x", "limit must be a number")]
    [InlineData("match_target=up{", "invalid parameter \"match_target\": ")]
    public void TargetMetadata_BadParameter_BadData(string query, string message)
    {
        var error = ApiTestKit.Error(() => MetadataApi.TargetMetadata(Targets, ApiTestKit.Request(query)));

        Assert.Equal(ApiErrorType.BadData, error.Type);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=1.5", "limit must be a number")]
    [InlineData("limit_per_metric=a", "limit_per_metric must be a number")]
    public void Metadata_BadLimit_BadData(string query, string message)
    {
        var error = ApiTestKit.Error(() => MetadataApi.Metadata(Targets, ApiTestKit.Request(query)));

        Assert.Equal((ApiErrorType.BadData, message), (error.Type, error.Message));
    }
}
