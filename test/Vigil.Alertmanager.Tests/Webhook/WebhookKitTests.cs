using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Notify.Webhook;
using Vigil.Alertmanager.Tests.Receivers;

namespace Vigil.Alertmanager.Tests.Webhook;

/// <summary>The shared receiver kit against the webhook receiver.</summary>
public sealed class WebhookKitTests : ReceiverKit
{
    protected override Task<DeliveryAnswer> SendAsync(string url, TimeProvider time, TimeSpan timeout = default)
    {
        var config = new WebhookConfig { Url = new Secret(url), Timeout = timeout };
        return WebhookTestSupport.Notifier(config, time).SendAsync(Samples.Input(), CancellationToken.None);
    }
}

internal static class WebhookTestSupport
{
    public static WebhookNotifier Notifier(WebhookConfig config, TimeProvider? time = null) =>
        new(config, new LiteralRenderer(), HttpClientBuilder.Build(config.HttpConfig), "web", 0, time ?? TimeProvider.System);
}
