using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Alertmanager.Tests.Receivers;

public sealed class ReceiverFactoryTests
{
    [Fact]
    public void BuildIntegrations_SlackAndWebhook_WebhookFirstLikeUpstreamWithIndexes()
    {
        var receiver = new ReceiverConfig
        {
            Name = "team-a",
            SlackConfigs = [new SlackConfig { SendResolved = true }, new SlackConfig()],
            WebhookConfigs = [new WebhookConfig()],
        };

        var integrations = Factory().BuildIntegrations(receiver);

        Assert.Equal(["team-a/webhook/0", "team-a/slack/0", "team-a/slack/1"], integrations.Select(i => i.Key));
        Assert.Equal([true, true, false], integrations.Select(i => i.SendResolved));
    }

    [Fact]
    public void BuildAll_Config_KeyedByReceiverName()
    {
        var config = new AlertmanagerConfig
        {
            Route = new RouteConfig { Receiver = "a" },
            Receivers = [new ReceiverConfig { Name = "a", WebhookConfigs = [new WebhookConfig()] }, new ReceiverConfig { Name = "null" }],
        };

        var all = Factory().BuildAll(config);

        Assert.Single(all["a"]);
        Assert.Empty(all["null"]);
    }

    [Fact]
    public async Task Build_UnreadableCaFile_IntegrationReportsTheFieldOnSend()
    {
        var http = new HttpClientConfig { Tls = new TlsConfig { CaFile = "/nonexistent/ca.pem" } };
        var receiver = new ReceiverConfig { Name = "r", WebhookConfigs = [new WebhookConfig { Url = new Secret("http://127.0.0.1:1/"), HttpConfig = http }] };

        var integration = Assert.Single(Factory().Build(receiver));
        var answer = await integration.SendAsync(Samples.Input(), CancellationToken.None);

        Assert.False(answer.Success);
        Assert.StartsWith("receiver r, webhook_configs[0]: http_config.tls_config.ca_file:", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntegrationNotifier_Failure_MapsToNotifyResult()
    {
        using var endpoint = new FakeEndpoint { Answer = new FakeAnswer(429, "rate_limited", Headers: new Dictionary<string, string> { ["Retry-After"] = "3" }) };
        var receiver = new ReceiverConfig { Name = "r", SlackConfigs = [new SlackConfig { ApiUrl = new Secret(endpoint.Url("/s")) }] };
        var integration = Assert.Single(Factory().BuildIntegrations(receiver));
        var context = new NotificationContext { GroupKey = "{}:{}", ReceiverName = "r", Now = Samples.Now, ExternalUrl = "http://am" };

        var result = await integration.Notifier.NotifyAsync(context, [Samples.Firing()], CancellationToken.None);

        Assert.False(result.Success);
        Assert.True(result.Retry);
        Assert.Equal(FailureReason.RateLimited, result.Reason);
        Assert.Equal(429, result.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), result.RetryAfter);
        Assert.Equal("rate_limited", result.Answer);
        Assert.StartsWith("429 rate_limited:", result.Meaning, StringComparison.Ordinal);
    }

    private static ReceiverFactory Factory() => new(new GlobalConfig(), new LiteralRenderer(), HttpClientBuilder.Default, TimeProvider.System);
}
