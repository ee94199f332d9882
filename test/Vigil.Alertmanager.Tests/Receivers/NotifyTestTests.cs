using System.Text.Json;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Alertmanager.Tests.Receivers;

public sealed class NotifyTestTests
{
    [Fact]
    public async Task RunAsync_RevokedSlackWebhook_PrintsAnswerAndMeaningAndFails()
    {
        using var slack = new FakeEndpoint { Answer = new FakeAnswer(403, "invalid_token") };
        using var hook = new FakeEndpoint();
        var config = Config(
            new ReceiverConfig { Name = "slack-notifier", SlackConfigs = [new SlackConfig { ApiUrl = new Secret(slack.Url("/services/T0/B0/SEKRET")), Channel = "#monitoring" }] },
            new ReceiverConfig { Name = "web", WebhookConfigs = [new WebhookConfig { Url = new Secret(hook.Url("/alerts")) }] });
        var output = new StringWriter();

        var exit = await Run(config, null, output);

        var text = output.ToString();
        Assert.Equal(1, exit);
        Assert.Contains("receiver slack-notifier:", text, StringComparison.Ordinal);
        Assert.Contains("  slack_configs[0]: FAILED (403)", text, StringComparison.Ordinal);
        Assert.Contains("    answer:  invalid_token", text, StringComparison.Ordinal);
        Assert.Contains("    meaning: 403 invalid_token: the webhook was revoked or mistyped", text, StringComparison.Ordinal);
        Assert.Contains("  webhook_configs[0]: ok (200)", text, StringComparison.Ordinal);
        Assert.Contains("1 integration(s) failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SEKRET", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OneReceiver_SendsAClearlyMarkedTestAlertOnlyThere()
    {
        using var hook = new FakeEndpoint();
        using var other = new FakeEndpoint();
        var config = Config(
            new ReceiverConfig { Name = "web", WebhookConfigs = [new WebhookConfig { Url = new Secret(hook.Url()) }] },
            new ReceiverConfig { Name = "other", WebhookConfigs = [new WebhookConfig { Url = new Secret(other.Url()) }] });

        var exit = await Run(config, "web", new StringWriter());

        Assert.Equal(0, exit);
        Assert.Empty(other.Requests);
        var body = JsonDocument.Parse(hook.Single().Body).RootElement;
        var alert = body.GetProperty("alerts")[0];
        Assert.Equal("VigilTestNotification", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Contains("test", alert.GetProperty("annotations").GetProperty("description").GetString()!, StringComparison.Ordinal);
        Assert.Equal("firing", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_UnknownReceiver_ListsTheKnownOnes()
    {
        var config = Config(new ReceiverConfig { Name = "web" }, new ReceiverConfig { Name = "slack-notifier" });
        var output = new StringWriter();

        var exit = await Run(config, "slack", output);

        Assert.Equal(1, exit);
        Assert.Contains("no receiver named \"slack\"; the config has: web, slack-notifier", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UndeliveredKinds_SaysNotTested()
    {
        var config = Config(new ReceiverConfig { Name = "mail", OtherIntegrations = new Dictionary<string, int> { ["email_configs"] = 1 } });
        var output = new StringWriter();

        var exit = await Run(config, null, output);

        Assert.Equal(0, exit);
        Assert.Contains("email_configs: 1 not tested", output.ToString(), StringComparison.Ordinal);
    }

    private static AlertmanagerConfig Config(params ReceiverConfig[] receivers) =>
        new() { Route = new RouteConfig { Receiver = receivers[0].Name }, Receivers = receivers };

    private static Task<int> Run(AlertmanagerConfig config, string? receiver, StringWriter output) =>
        NotifyTest.RunAsync(config, receiver, output, new LiteralRenderer(), HttpClientBuilder.Default, TimeProvider.System, CancellationToken.None);
}
