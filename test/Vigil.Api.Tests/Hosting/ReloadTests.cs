using System.Net;

namespace Vigil.Api.Tests.Hosting;

public sealed class ReloadTests
{
    [Fact]
    public async Task Reload_ValidNewConfig_AppliesAndReportsSuccess()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        await File.WriteAllTextAsync(am.ConfigPath, AlertmanagerApiTests.Config.Replace("team-a", "team-b", StringComparison.Ordinal));
        var response = await am.Http.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("team-b", await am.Http.GetStringAsync("/api/v2/receivers"), StringComparison.Ordinal);
        Assert.Contains("alertmanager_config_last_reload_successful 1\n", await am.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_BrokenConfig_RefusedOldKeepsRunningReasonLoggedAndReturned()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var hashBefore = MetricLine(await am.Http.GetStringAsync("/metrics"), "alertmanager_config_hash");
        await File.WriteAllTextAsync(am.ConfigPath, "route: [this is: not a route\n");
        var response = await am.Http.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("failed to reload config: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("team-a", await am.Http.GetStringAsync("/api/v2/receivers"), StringComparison.Ordinal);
        var metrics = await am.Http.GetStringAsync("/metrics");
        Assert.Contains("alertmanager_config_last_reload_successful 0\n", metrics, StringComparison.Ordinal);
        Assert.Equal(hashBefore, MetricLine(metrics, "alertmanager_config_hash"));
        Assert.Contains("msg=\"Loading configuration file failed\"", am.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_TemplateDoesNotParse_RefusedWithFieldOldKeepsRunning()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        await File.WriteAllTextAsync(am.ConfigPath, BadTemplateConfig);
        var response = await am.Http.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("receivers[0].slack_configs[0].title: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("team-a", await am.Http.GetStringAsync("/api/v2/receivers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TemplateDoesNotParse_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestAlertmanager.StartAsync(BadTemplateConfig));
        Assert.Contains("receivers[0].slack_configs[0].title: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_AlertStoreSurvives()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        using var content = new StringContent("""[{"labels":{"alertname":"Kept"}}]""", System.Text.Encoding.UTF8, "application/json");
        (await am.Http.PostAsync("/api/v2/alerts", content)).EnsureSuccessStatusCode();
        (await am.Http.PostAsync("/-/reload", null)).EnsureSuccessStatusCode();
        Assert.Contains("Kept", await am.Http.GetStringAsync("/api/v2/alerts"), StringComparison.Ordinal);
    }

    private const string BadTemplateConfig = """
        route:
          receiver: slack
        receivers:
          - name: slack
            slack_configs:
              - api_url: http://127.0.0.1:1/hook
                title: '{{ .Status | toUpper }'
        """;

    private static string MetricLine(string text, string name) =>
        text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
}
