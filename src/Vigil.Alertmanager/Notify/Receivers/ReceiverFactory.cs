using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Slack;
using Vigil.Alertmanager.Notify.Webhook;
using Vigil.Alertmanager.Templates;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// Turns a receiver's config into its integrations, webhook configs first, then slack configs (the
/// order Alertmanager builds them in, by kind). An integration whose HTTP client cannot be built
/// (unreadable CA file, bad proxy URL) still appears, and answers every send with the reason, so the failure is visible instead of the receiver vanishing.
/// </summary>
public sealed class ReceiverFactory
{
    private readonly GlobalConfig _global;
    private readonly ITemplateRenderer _templates;
    private readonly IHttpClientProvider _clients;
    private readonly TimeProvider _time;

    /// <summary>Creates a factory.</summary>
    public ReceiverFactory(GlobalConfig global, ITemplateRenderer templates, IHttpClientProvider clients, TimeProvider time)
    {
        _global = global;
        _templates = templates;
        _clients = clients;
        _time = time;
    }

    /// <summary>The integrations of <paramref name="receiver"/>.</summary>
    public IReadOnlyList<IReceiverIntegration> Build(ReceiverConfig receiver)
    {
        var list = new List<IReceiverIntegration>();
        for (var i = 0; i < receiver.WebhookConfigs.Count; i++)
        {
            var config = receiver.WebhookConfigs[i];
            list.Add(Create(receiver.Name, "webhook", i, config, client => new WebhookNotifier(config, _templates, client, receiver.Name, i, _time)));
        }
        for (var i = 0; i < receiver.SlackConfigs.Count; i++)
        {
            var config = receiver.SlackConfigs[i];
            list.Add(Create(receiver.Name, "slack", i, config, client => new SlackNotifier(config, _global, _templates, client, receiver.Name, i, _time)));
        }
        return list;
    }

    /// <summary>Every receiver's integrations, keyed by receiver name, as <c>PipelineInputs.Receivers</c> takes them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Integration>> BuildAll(AlertmanagerConfig config) =>
        config.Receivers.ToDictionary(r => r.Name, BuildIntegrations, StringComparer.Ordinal);

    /// <summary>The integrations of <paramref name="receiver"/> as the notification pipeline takes them.</summary>
    public IReadOnlyList<Integration> BuildIntegrations(ReceiverConfig receiver) =>
        Build(receiver).Select(i => new Integration(receiver.Name, i.Kind, i.Index, new IntegrationNotifier(i), i.SendResolved)).ToList();

    private IReceiverIntegration Create(string receiver, string kind, int index, NotifierConfig config, Func<HttpClient, IReceiverIntegration> make)
    {
        try
        {
            return make(_clients.Get(EffectiveHttpConfig(config), kind));
        }
        catch (Exception ex) when (ex is InvalidOperationException or UriFormatException or ArgumentException)
        {
            var location = FieldRenderer.Location(receiver, kind + "_configs", index);
            return new BrokenIntegration(kind, index, config.SendResolved, $"{location}: {ex.Message}");
        }
    }

    /// <summary>The receiver's own http_config, or the global one when the receiver left it at the defaults.</summary>
    private HttpClientConfig EffectiveHttpConfig(NotifierConfig config) =>
        config.HttpConfig == new HttpClientConfig() ? _global.HttpConfig : config.HttpConfig;
}

/// <summary>An integration that could not be set up; every send reports why.</summary>
public sealed class BrokenIntegration : IReceiverIntegration
{
    private readonly string _error;

    /// <summary>Creates it with the setup error (already free of secrets).</summary>
    public BrokenIntegration(string kind, int index, bool sendResolved, string error)
    {
        Kind = kind;
        Index = index;
        SendResolved = sendResolved;
        _error = error;
    }

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public int Index { get; }

    /// <inheritdoc />
    public bool SendResolved { get; }

    /// <inheritdoc />
    public Task<DeliveryAnswer> SendAsync(NotificationInput input, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryAnswer.NotSent(_error, "the integration's http_config could not be applied; fix the file or URL it names"));
}
