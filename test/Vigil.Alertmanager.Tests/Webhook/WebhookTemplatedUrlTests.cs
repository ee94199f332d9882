using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Notify.Webhook;
using Vigil.Alertmanager.Templates;
using Vigil.Alertmanager.Tests.Receivers;

namespace Vigil.Alertmanager.Tests.Webhook;

public sealed class WebhookTemplatedUrlTests
{
    private static readonly NotificationTemplates Templates = NotificationTemplates.Load([], "http://am", TimeProvider.System);

    [Fact]
    public async Task SendAsync_TemplatedUrl_RenderedWithTheGroup()
    {
        using var endpoint = new FakeEndpoint();
        var config = new WebhookConfig { Url = new Secret(endpoint.Url("/hook/{{ .CommonLabels.severity }}")) };

        var answer = await Notifier(config).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.True(answer.Success);
        Assert.Equal("/hook/critical", endpoint.Single().Path);
    }

    [Fact]
    public async Task SendAsync_TemplatedUrlFails_NeverShowsTheUrl()
    {
        var config = new WebhookConfig { Url = new Secret("http://127.0.0.1:1/SEKRET/{{ template \"nosuch\" . }}") };

        var answer = await Notifier(config).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.False(answer.Success);
        Assert.DoesNotContain("SEKRET", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains("webhook_configs[0].url", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ProxyUrl_GoesThroughTheProxy()
    {
        using var proxy = new FakeEndpoint();
        var config = new WebhookConfig
        {
            // Nothing listens on port 1: only the proxy can answer.
            Url = new Secret("http://127.0.0.1:1/alerts"),
            HttpConfig = new HttpClientConfig { ProxyUrl = proxy.Url() },
        };

        var answer = await Notifier(config).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.True(answer.Success);
        Assert.Equal("127.0.0.1:1", proxy.Single().Headers["Host"]);
    }

    private static WebhookNotifier Notifier(WebhookConfig config) =>
        new(config, Templates, HttpClientBuilder.Build(config.HttpConfig), "web", 0, TimeProvider.System);
}
