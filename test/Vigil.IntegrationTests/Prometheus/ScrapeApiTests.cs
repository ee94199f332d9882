using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// Endpoints fed by scraping and alert discovery, compared with the real Prometheus 2.42 on the same
/// config: <c>/api/v1/alertmanagers</c>.
/// </summary>
public sealed class ScrapeApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Alertmanagers_StaticWithRelabelDrop_SameJsonAsPrometheus242()
    {
        // Nothing listens on these ports: discovery alone decides what the endpoint lists.
        const string Config = """
            alerting:
              alertmanagers:
                - path_prefix: /am
                  static_configs:
                    - targets: ['127.0.0.1:1', '127.0.0.1:2']
                  relabel_configs:
                    - source_labels: [__address__]
                      regex: '127\.0\.0\.1:2'
                      action: drop
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(Config);
        await using var prom = await PrometheusServer.StartAsync(Config);

        var expected = """{"activeAlertmanagers":[{"url":"http://127.0.0.1:1/am/api/v2/alerts"}],"droppedAlertmanagers":[{"url":"http://127.0.0.1:2/am/api/v2/alerts"}]}""";
        var fromPrometheus = await DataWhenAsync(prom.Http, "/api/v1/alertmanagers", d => d["activeAlertmanagers"]!.AsArray().Count > 0, prom);
        var fromVigil = await DataWhenAsync(vigil.Http, "/api/v1/alertmanagers", d => d["activeAlertmanagers"]!.AsArray().Count > 0, vigil);
        Assert.Equal(expected, fromPrometheus.ToJsonString());
        Assert.Equal(expected, fromVigil.ToJsonString());
    }

    private static async Task<JsonNode> DataWhenAsync(HttpClient http, string path, Func<JsonNode, bool> ready, ServerProcess server)
    {
        JsonNode data = new JsonObject();
        await Poll.UntilAsync(async () =>
        {
            data = JsonNode.Parse(await http.GetStringAsync(path))!["data"]!;
            return ready(data);
        }, Deadline, $"{server.Name}: {path}", server.Diagnostics);
        return data;
    }
}
