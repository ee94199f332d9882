using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Templates;

namespace Vigil.Alertmanager.Notify.Slack;

/// <summary>
/// Sends notifications to Slack, either through an incoming webhook (<c>api_url</c>,
/// <c>api_url_file</c> or the global <c>slack_api_url</c>) or as an app through
/// <c>chat.postMessage</c> (<c>app_token</c>/<c>app_token_file</c> with <c>app_url</c>).
/// </summary>
public sealed class SlackNotifier : IReceiverIntegration
{
    private readonly SlackConfig _config;
    private readonly GlobalConfig _global;
    private readonly ITemplateRenderer _templates;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly string _location;

    /// <summary>Creates the notifier for <c>slack_configs[<paramref name="index"/>]</c> of receiver <paramref name="receiver"/>.</summary>
    public SlackNotifier(SlackConfig config, GlobalConfig global, ITemplateRenderer templates, HttpClient client, string receiver, int index, TimeProvider time)
    {
        _config = config;
        _global = global;
        _templates = templates;
        _client = client;
        _time = time;
        _location = FieldRenderer.Location(receiver, "slack_configs", index);
        Index = index;
    }

    /// <inheritdoc />
    public string Kind => "slack";

    /// <inheritdoc />
    public int Index { get; }

    /// <summary>Whether this integration sends as an app with a bot token rather than to a webhook.</summary>
    public bool UsesAppToken => _config.AppToken is { IsEmpty: false } || _config.AppTokenFile.Length > 0;

    /// <inheritdoc />
    public bool SendResolved => _config.SendResolved;

    /// <summary>Builds and sends the message; never throws for delivery failures, and never reveals the URL or token.</summary>
    public async Task<DeliveryAnswer> SendAsync(NotificationInput input, CancellationToken cancellationToken)
    {
        var scrubber = new SecretScrubber();
        try
        {
            var data = TemplateData.Create(input.Receiver, input.GroupLabels, input.Alerts, input.ExternalUrlOr(_templates), input.Now);
            var message = SlackPayload.Build(_config, new FieldRenderer(_templates, data, _location));
            var (url, token) = Target(scrubber);
            var (answer, failure) = await HttpDelivery.PostJsonAsync(_client, url, SlackPayload.Serialize(message),
                token is null ? null : r => r.Headers.Authorization = new("Bearer", token),
                _config.Timeout, scrubber, _time, cancellationToken);
            return failure ?? SlackAnswers.Classify(answer!);
        }
        catch (NotificationTemplateException ex)
        {
            return DeliveryAnswer.NotSent(scrubber.Scrub(ex.Message), "a template failed; fix it in the config or template files");
        }
        catch (TargetException ex)
        {
            return DeliveryAnswer.NotSent(scrubber.Scrub(ex.Message), ex.Meaning);
        }
    }

    /// <summary>Where to post and, in app mode, the bearer token; both registered with the scrubber before use.</summary>
    private (string Url, string? Token) Target(SecretScrubber scrubber)
    {
        if (UsesAppToken)
        {
            var token = ReadSecret(_config.AppToken, _config.AppTokenFile, "app_token_file");
            scrubber.Add(token);
            return (Require(_config.AppUrl, "app_url"), token);
        }
        var url = _config.ApiUrl is { IsEmpty: false } || _config.ApiUrlFile.Length > 0
            ? ReadSecret(_config.ApiUrl, _config.ApiUrlFile, "api_url_file")
            : ReadSecret(_global.SlackApiUrl, _global.SlackApiUrlFile, "global.slack_api_url_file");
        scrubber.Add(url);
        return (Require(url, "api_url"), null);
    }

    private string ReadSecret(Secret? secret, string file, string field)
    {
        if (secret is { IsEmpty: false })
        {
            return secret.Reveal().Trim();
        }
        if (file.Length == 0)
        {
            return "";
        }
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TargetException($"{_location}.{field}: cannot read {file}: {ex.Message}",
                "the file is missing or unreadable inside the process's filesystem (check the mount)");
        }
    }

    private string Require(string url, string field)
    {
        if (url.Length == 0)
        {
            throw new TargetException($"{_location}: no Slack URL: {field} is empty",
                "set api_url (or global.slack_api_url) to the incoming webhook URL, or app_token for chat.postMessage");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new TargetException($"{_location}.{field}: not an http(s) URL",
                "the value is not a URL; copy the webhook URL again from Slack");
        }
        return url;
    }
}
