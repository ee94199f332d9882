using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.HarnessTests;

/// <summary>The harness against the real Alertmanager 0.25: proves the fixtures before they judge Vigil.</summary>
public sealed class RealAlertmanagerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Webhook_PostedAlert_ReachesSinkAfterGroupWait()
    {
        await using var sink = await HttpSink.StartAsync();
        await using var am = await AlertmanagerServer.StartAsync(AlertmanagerFlavor.Real, $$"""
            route:
              receiver: hook
              group_wait: 1s
            receivers:
            - name: hook
              webhook_configs:
              - url: '{{sink.Url("/hook")}}'
            """);

        await am.PostAlertsOrThrowAsync(AlertJson.Array(AlertJson.Alert(["alertname=HarnessCheck", "severity=critical"])));
        var delivered = await sink.WaitForAsync(r => r.Path == "/hook", 1, Deadline, am.Diagnostics);

        var payload = delivered[0].Json;
        Assert.Equal("firing", (string?)payload["status"]);
        Assert.Equal("HarnessCheck", (string?)payload["alerts"]![0]!["labels"]!["alertname"]);
    }

    [Fact]
    public async Task Slack_SeedTitle_RendersUppercaseStatus()
    {
        await using var sink = await HttpSink.StartAsync();
        await using var am = await AlertmanagerServer.StartAsync(AlertmanagerFlavor.Real, SeedConfig.AlertmanagerYaml(sink.Url("/slack")));

        await am.PostAlertsOrThrowAsync(AlertJson.Array(AlertJson.Alert(
            ["alertname=InstanceDown", "severity=critical"], ["description=it is down"])));
        var delivered = await sink.WaitForAsync(r => r.Path == "/slack", 1, Deadline, am.Diagnostics);

        var attachment = delivered[0].Json["attachments"]![0]!;
        Assert.Equal("[FIRING] InstanceDown", (string?)attachment["title"]);
        Assert.Equal("*Description:* it is down", (string?)attachment["text"]);
        Assert.Equal("#monitoring", (string?)delivered[0].Json["channel"]);
    }

    [Fact]
    public async Task Api_AlertsAfterPost_ListsTheAlert()
    {
        await using var am = await AlertmanagerServer.StartAsync(AlertmanagerFlavor.Real, SeedConfig.AlertmanagerYaml("http://127.0.0.1:9/slack"));

        await am.PostAlertsOrThrowAsync(AlertJson.Array(AlertJson.Alert(["alertname=Listed"])));

        await Poll.UntilAsync(async () => (await am.GetAlertsAsync()).Count == 1, Deadline, "the alert in GET /api/v2/alerts", am.Diagnostics);
    }
}
