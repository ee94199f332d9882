using System.Globalization;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Templates;
using Vigil.Model;

namespace Vigil.Alertmanager.Notify.Webhook;

/// <summary>Posts Alertmanager's webhook payload (version "4") to <c>url</c> or the URL in <c>url_file</c>.</summary>
public sealed class WebhookNotifier : IReceiverIntegration
{
    private readonly WebhookConfig _config;
    private readonly ITemplateRenderer _templates;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly string _location;

    /// <summary>Creates the notifier for <c>webhook_configs[<paramref name="index"/>]</c> of receiver <paramref name="receiver"/>.</summary>
    public WebhookNotifier(WebhookConfig config, ITemplateRenderer templates, HttpClient client, string receiver, int index, TimeProvider time)
    {
        _config = config;
        _templates = templates;
        _client = client;
        _time = time;
        _location = FieldRenderer.Location(receiver, "webhook_configs", index);
        Index = index;
    }

    /// <inheritdoc />
    public string Kind => "webhook";

    /// <inheritdoc />
    public int Index { get; }

    /// <inheritdoc />
    public bool SendResolved => _config.SendResolved;

    /// <summary>The body for <paramref name="input"/>, with <c>max_alerts</c> applied (alerts past the limit are counted, not sent).</summary>
    public byte[] BuildBody(NotificationInput input) => Serialize(Message(input));

    private WebhookMessage Message(NotificationInput input)
    {
        var (alerts, truncated) = Truncate(input.Alerts, _config.MaxAlerts);
        var data = TemplateData.Create(input.Receiver, input.GroupLabels, alerts, input.ExternalUrlOr(_templates), input.Now);
        return WebhookMessage.From(data, input.GroupKey, truncated);
    }

    private static byte[] Serialize(WebhookMessage message) => GoJsonBody.Serialize(message);

    /// <summary>Sends the payload; never throws for delivery failures, and never reveals the URL.</summary>
    public async Task<DeliveryAnswer> SendAsync(NotificationInput input, CancellationToken cancellationToken)
    {
        var scrubber = new SecretScrubber();
        try
        {
            var message = Message(input);
            var url = Url(scrubber, message.Data!);
            var (answer, failure) = await HttpDelivery.PostJsonAsync(_client, url, Serialize(message), null, _config.Timeout, scrubber, _time, cancellationToken);
            return failure ?? Classify(answer!);
        }
        catch (TargetException ex)
        {
            return DeliveryAnswer.NotSent(scrubber.Scrub(ex.Message), ex.Meaning);
        }
        catch (NotificationTemplateException)
        {
            // The template error could quote parts of the URL, which is a secret: say where, not what.
            return DeliveryAnswer.NotSent($"{_location}.url: the templated URL failed to render", "fix the template in url (or url_file)");
        }
    }

    /// <summary>Keeps the first <paramref name="max"/> alerts (0 = all) and counts the rest.</summary>
    public static (IReadOnlyList<Alert> Alerts, ulong Truncated) Truncate(IReadOnlyList<Alert> alerts, int max) =>
        max > 0 && alerts.Count > max ? (alerts.Take(max).ToList(), (ulong)(alerts.Count - max)) : (alerts, 0UL);

    /// <summary>Classifies a webhook answer: 2xx ok, 5xx and 429 retry, others final.</summary>
    public static DeliveryAnswer Classify(HttpAnswer answer)
    {
        var status = answer.StatusCode;
        if (StatusRules.IsSuccess(status))
        {
            return new DeliveryAnswer(true, false, status, HttpDelivery.Shorten(answer.Body), null, "", FailureReason.Other);
        }
        var meaning = status.ToString(CultureInfo.InvariantCulture) + ": " + StatusRules.GenericMeaning(status);
        return new DeliveryAnswer(false, StatusRules.ShouldRetry(status), status, HttpDelivery.Shorten(answer.Body),
            answer.RetryAfter, meaning, FailureReasons.FromStatusCode(status));
    }

    /// <summary>The URL from url or url_file, rendered when it is a template (as upstream allows), registered with the scrubber.</summary>
    private string Url(SecretScrubber scrubber, TemplateData data)
    {
        var url = RawUrl();
        scrubber.Add(url);
        if (url.Contains("{{", StringComparison.Ordinal))
        {
            url = new FieldRenderer(_templates, data, _location).Render("url", url).Trim();
            scrubber.Add(url);
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new TargetException($"{_location}.url: not an http(s) URL", "check the URL (or the content of url_file)");
        }
        return url;
    }

    private string RawUrl()
    {
        string url;
        if (_config.Url is { IsEmpty: false } secret)
        {
            url = secret.Reveal().Trim();
        }
        else if (_config.UrlFile.Length > 0)
        {
            url = ReadUrlFile();
        }
        else
        {
            throw new TargetException($"{_location}: no URL: set url or url_file", "the webhook has nowhere to send to");
        }
        return url;
    }

    private string ReadUrlFile()
    {
        try
        {
            return File.ReadAllText(_config.UrlFile).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TargetException($"{_location}.url_file: cannot read {_config.UrlFile}: {ex.Message}",
                "the file is missing or unreadable inside the process's filesystem (check the mount)");
        }
    }
}
