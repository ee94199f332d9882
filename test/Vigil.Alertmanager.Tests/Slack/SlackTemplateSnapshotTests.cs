using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Notify.Slack;
using Vigil.Alertmanager.Templates;
using Vigil.Alertmanager.Tests.Receivers;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Slack;

/// <summary>What reaches Slack, byte for byte, with the default templates and with the seed's config.</summary>
public sealed class SlackTemplateSnapshotTests
{
    private static readonly NotificationTemplates Templates = NotificationTemplates.Load([], "http://am.example:9093", TimeProvider.System);

    [Fact]
    public async Task SendAsync_DefaultConfig_TwoFiring_UpstreamDefaultMessage()
    {
        using var endpoint = new FakeEndpoint();
        var input = Samples.Input(Samples.Firing("a:9100"), Samples.Firing("b:9100"));

        var answer = await Notifier(new SlackConfig { ApiUrl = new Secret(endpoint.Url("/services/x")) }).SendAsync(input, CancellationToken.None);

        Assert.True(answer.Success);
        Assert.Equal(
            """{"username":"Alertmanager","attachments":[{"title":"[FIRING:2] InstanceDown (node critical)","title_link":"http://am.example:9093/#/alerts?receiver=slack-notifier","text":"","fallback":"[FIRING:2] InstanceDown (node critical) | http://am.example:9093/#/alerts?receiver=slack-notifier","callback_id":"","footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}""" + "\n",
            endpoint.Single().Body);
    }

    [Fact]
    public async Task SendAsync_SeedConfig_TitleAndTextFromTheSeed()
    {
        using var endpoint = new FakeEndpoint();
        var config = new SlackConfig
        {
            ApiUrl = new Secret(endpoint.Url("/services/x")),
            Channel = "#monitoring",
            SendResolved = true,
            Title = "[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}",
            Text = "*Description:* {{ .CommonAnnotations.description }}",
        };

        await Notifier(config).SendAsync(Samples.Input(Samples.Firing()), CancellationToken.None);

        Assert.Equal(
            """{"channel":"#monitoring","username":"Alertmanager","attachments":[{"title":"[FIRING] InstanceDown","title_link":"http://am.example:9093/#/alerts?receiver=slack-notifier","text":"*Description:* 10.0.0.7:9100 of job node has been down for more than 1 minute.","fallback":"[FIRING:1] InstanceDown (10.0.0.7:9100 node critical) | http://am.example:9093/#/alerts?receiver=slack-notifier","callback_id":"","footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}""" + "\n",
            endpoint.Single().Body);
    }

    [Fact]
    public async Task SendAsync_Resolved_GoodColourAndResolvedTitle()
    {
        using var endpoint = new FakeEndpoint();
        var config = new SlackConfig { ApiUrl = new Secret(endpoint.Url("/services/x")), Title = "[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}" };

        await Notifier(config).SendAsync(Samples.Input(Samples.Resolved()), CancellationToken.None);

        var body = endpoint.Single().Body;
        Assert.Contains("\"title\":\"[RESOLVED] InstanceDown\"", body, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"good\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ExecutionError_NamesTheField()
    {
        var config = new SlackConfig { ApiUrl = new Secret("http://127.0.0.1:1/x"), Text = "{{ template \"nosuch\" . }}" };

        var answer = await Notifier(config).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.False(answer.Success);
        Assert.StartsWith("receiver slack-notifier, slack_configs[0].text: template: ", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void NotifyTestInput_WithSeedTemplates_RendersAsATest()
    {
        var input = NotifyTest.TestInput("slack-notifier", Samples.Now);
        var data = TemplateData.Create(input.Receiver, input.GroupLabels, input.Alerts, "", input.Now);

        Assert.Equal("[FIRING] VigilTestNotification", Templates.Render("[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}", data));
        Assert.StartsWith("*Description:* This is a test", Templates.Render("*Description:* {{ .CommonAnnotations.description }}", data), StringComparison.Ordinal);
        Assert.Equal(LabelSet.Of("alertname", "VigilTestNotification"), input.GroupLabels);
    }

    private static SlackNotifier Notifier(SlackConfig config) =>
        new(config, new GlobalConfig(), Templates, HttpClientBuilder.Build(config.HttpConfig), "slack-notifier", 0, TimeProvider.System);
}
