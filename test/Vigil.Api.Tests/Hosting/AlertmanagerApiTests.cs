using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Api.Tests.Hosting;

public sealed class AlertmanagerApiTests
{
    internal const string Config = """
        global:
          resolve_timeout: 5m
        route:
          receiver: default
          group_by: [alertname]
          routes:
            - receiver: team-a
              matchers: [team="a"]
        receivers:
          - name: default
          - name: team-a
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonArray> GetArrayAsync(HttpClient http, string path) =>
        JsonNode.Parse(await http.GetStringAsync(path))!.AsArray();

    [Fact]
    public async Task PostAlerts_Valid_StoredAndListedInSpecShape()
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        var post = await am.Http.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"A","team":"a"},"annotations":{"x":"y"},"startsAt":"2026-11-23T20:00:00.123456789+01:00","generatorURL":"http://prom/graph"}]"""));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var text = await am.Http.GetStringAsync("/api/v2/alerts");
        Assert.StartsWith("""[{"annotations":{"x":"y"},"endsAt":""", text, StringComparison.Ordinal);
        Assert.Contains(""""fingerprint":"a0c07763372b5353","receivers":[{"name":"team-a"}],"startsAt":"2026-11-23T20:00:00.123+01:00","status":{"inhibitedBy":[],"mutedBy":[],"silencedBy":[],"state":"active"},"updatedAt":"""", text, StringComparison.Ordinal);
        Assert.EndsWith(""""generatorURL":"http://prom/graph","labels":{"alertname":"A","team":"a"}}]"""", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"labels":{"alertname":"A"}},{"labels":{}}]""", "alerts[1].labels: at least one label pair required")]
    [InlineData("""[{"labels":{"alertname":"A"}},{"labels":{"b":2}}]""", "alerts[1].labels.b: expected a string value")]
    [InlineData("""not json""", "body must be a JSON array of alerts: invalid JSON")]
    public async Task PostAlerts_Invalid_400WithMessageAndNothingStored(string body, string message)
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        var post = await am.Http.PostAsync("/api/v2/alerts", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var error = JsonNode.Parse(await post.Content.ReadAsStringAsync())!.GetValue<string>();
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Empty(await GetArrayAsync(am.Http, "/api/v2/alerts"));
        Assert.Contains("alertmanager_alerts_invalid_total", await am.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"labels":{"alertname":"A"}},{"labels":{}}]""", 2, 0, 1)]
    [InlineData("""[{"labels":{"alertname":"A"},"endsAt":"2000-01-01T00:00:00Z"},{"labels":{"alertname":"B"},"startsAt":"2000-01-02T00:00:00Z","endsAt":"2000-01-01T00:00:00Z"}]""", 0, 2, 1)]
    [InlineData("""[{"labels":{"alertname":"A"}},{"labels":{"alertname":"B"}}]""", 2, 0, 0)]
    [InlineData("""not json""", 0, 0, 0)]
    public async Task PostAlerts_Batch_ReceivedCountsEveryAlertInvalidCountsTheInvalid(string body, int firing, int resolved, int invalid)
    {
        await using var am = await TestAlertmanager.StartAsync(Config);

        await am.Http.PostAsync("/api/v2/alerts", Json(body));

        var text = await am.Http.GetStringAsync("/metrics");
        Assert.Contains($"alertmanager_alerts_received_total{{status=\"firing\"}} {firing}\n", text, StringComparison.Ordinal);
        Assert.Contains($"alertmanager_alerts_received_total{{status=\"resolved\"}} {resolved}\n", text, StringComparison.Ordinal);
        Assert.Contains($"alertmanager_alerts_invalid_total {invalid}\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", new[] { "A", "B", "C" })]
    [InlineData("?filter=alertname%3D%22A%22", new[] { "A" })]
    [InlineData("?filter=team%3D~%22a%7Cb%22", new[] { "A", "B" })]
    [InlineData("?filter=team%3D%22a%22&filter=alertname%3D%22B%22", new string[0])]
    [InlineData("?receiver=team-.*", new[] { "A" })]
    [InlineData("?receiver=default", new[] { "B", "C" })]
    [InlineData("?active=false", new string[0])]
    [InlineData("?silenced=false&inhibited=false&unprocessed=false", new[] { "A", "B", "C" })]
    public async Task GetAlerts_Filters(string query, string[] expectedNames)
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        var post = await am.Http.PostAsync("/api/v2/alerts", Json("""
            [{"labels":{"alertname":"A","team":"a"}},{"labels":{"alertname":"B","team":"b"}},{"labels":{"alertname":"C"}},
             {"labels":{"alertname":"Resolved"},"startsAt":"2020-01-01T00:00:00Z","endsAt":"2020-01-01T01:00:00Z"}]
            """));
        post.EnsureSuccessStatusCode();
        var alerts = await GetArrayAsync(am.Http, "/api/v2/alerts" + query);
        var names = alerts.Select(a => a!["labels"]!["alertname"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(expectedNames, names);
    }

    [Theory]
    [InlineData("?filter=nonsense", "bad matcher format: nonsense")]
    [InlineData("?receiver=(", "failed to parse receiver param")]
    [InlineData("?active=perhaps", "active in query must be of type boolean")]
    public async Task GetAlerts_BadQuery_400(string query, string message)
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        var response = await am.Http.GetAsync("/api/v2/alerts" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGroups_AlertsGroupedByRouteAndGroupBy()
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        (await am.Http.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"A","team":"a"}},{"labels":{"alertname":"A","x":"1"}},{"labels":{"alertname":"B"}}]"""))).EnsureSuccessStatusCode();
        JsonArray groups = [];
        // Routing is asynchronous (the dispatcher subscribes to the store): poll briefly.
        for (var i = 0; i < 100 && groups.Count < 3; i++)
        {
            groups = await GetArrayAsync(am.Http, "/api/v2/alerts/groups");
            await Task.Delay(20);
        }
        var summary = groups.Select(g => $"{g!["receiver"]!["name"]}:{g["labels"]!.ToJsonString()}:{g["alerts"]!.AsArray().Count}").Order(StringComparer.Ordinal);
        Assert.Equal(["default:{\"alertname\":\"A\"}:1", "default:{\"alertname\":\"B\"}:1", "team-a:{\"alertname\":\"A\"}:1"], summary);
        Assert.All(groups, g => Assert.NotNull(g!["routeLabels"]));
        var filtered = await GetArrayAsync(am.Http, "/api/v2/alerts/groups?receiver=team-a");
        Assert.Single(filtered);
    }

    [Fact]
    public async Task GetNotifications_VigilExtension_ListsAttempts()
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        Assert.Equal("[]", await am.Http.GetStringAsync("/api/v2/vigil/notifications"));
        Assert.Equal(HttpStatusCode.BadRequest, (await am.Http.GetAsync("/api/v2/vigil/notifications?limit=-1")).StatusCode);
    }

    [Fact]
    public async Task GetReceivers_ListsConfigReceivers()
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        Assert.Equal("""[{"name":"default"},{"name":"team-a"}]""", await am.Http.GetStringAsync("/api/v2/receivers"));
    }

    [Fact]
    public async Task GetStatus_SpecShapeClusterDisabled()
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        var status = JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/status"))!;
        Assert.Equal("disabled", status["cluster"]!["status"]!.GetValue<string>());
        Assert.Empty(status["cluster"]!["peers"]!.AsArray());
        Assert.NotNull(status["config"]!["original"]);
        Assert.NotNull(status["versionInfo"]!["version"]);
        Assert.NotNull(status["uptime"]);
    }

    [Fact]
    public async Task GetStatus_SecretsMasked()
    {
        const string secretUrl = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
        await using var am = await TestAlertmanager.StartAsync(Config.Replace("  resolve_timeout: 5m", $"  resolve_timeout: 5m\n  slack_api_url: {secretUrl}", StringComparison.Ordinal));
        var text = await am.Http.GetStringAsync("/api/v2/status");
        Assert.DoesNotContain("XXXXSECRET", text, StringComparison.Ordinal);
        Assert.Contains("slack_api_url: <secret>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_HealthyAndReady_OK()
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        Assert.Equal("OK", await am.Http.GetStringAsync("/-/healthy"));
        Assert.Equal("OK", await am.Http.GetStringAsync("/-/ready"));
    }

    [Fact]
    public async Task RoutePrefix_ServesUnderPrefixAndRedirectsRoot()
    {
        await using var am = await TestAlertmanager.StartAsync(Config, "/am");
        Assert.Equal("OK", await am.Http.GetStringAsync("/am/-/healthy"));
        Assert.Equal(HttpStatusCode.OK, (await am.Http.GetAsync("/am/api/v2/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await am.Http.GetAsync("/api/v2/alerts")).StatusCode);
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = am.Http.BaseAddress };
        var root = await noRedirect.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, root.StatusCode);
        Assert.Equal("/am", root.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Metrics_ExpositionFormat()
    {
        await using var am = await TestAlertmanager.StartAsync(Config);
        (await am.Http.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"A"}}]"""))).EnsureSuccessStatusCode();
        var response = await am.Http.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE alertmanager_alerts_received_total counter\nalertmanager_alerts_received_total{status=\"firing\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_alerts{state=\"active\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_config_last_reload_successful 1\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_http_request_duration_seconds_count{handler=\"/api/v2/alerts\",method=\"post\"} 1\n", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.Matches(@"^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? \S+)$", line));
    }
}
