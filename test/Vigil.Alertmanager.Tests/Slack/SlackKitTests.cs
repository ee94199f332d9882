using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Notify.Slack;
using Vigil.Alertmanager.Tests.Receivers;

namespace Vigil.Alertmanager.Tests.Slack;

/// <summary>The shared receiver kit against Slack in incoming-webhook mode.</summary>
public sealed class SlackWebhookKitTests : ReceiverKit
{
    protected override Task<DeliveryAnswer> SendAsync(string url, TimeProvider time, TimeSpan timeout = default)
    {
        var config = new SlackConfig { ApiUrl = new Secret(url), Timeout = timeout };
        return SlackTestSupport.Notifier(config, time).SendAsync(Samples.Input(), CancellationToken.None);
    }
}

/// <summary>The shared receiver kit against Slack in app-token (chat.postMessage) mode.</summary>
public sealed class SlackAppKitTests : ReceiverKit
{
    protected override string OkBody => "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}";

    protected override Task<DeliveryAnswer> SendAsync(string url, TimeProvider time, TimeSpan timeout = default)
    {
        var config = new SlackConfig { AppToken = new Secret("xoxb-" + SecretMarker), AppUrl = url, Channel = "#monitoring", Timeout = timeout };
        return SlackTestSupport.Notifier(config, time).SendAsync(Samples.Input(), CancellationToken.None);
    }
}

internal static class SlackTestSupport
{
    public static SlackNotifier Notifier(SlackConfig config, TimeProvider time, GlobalConfig? global = null) =>
        new(config, global ?? new GlobalConfig(), new LiteralRenderer(), HttpClientBuilder.Build(config.HttpConfig), "slack-notifier", 0, time);
}
