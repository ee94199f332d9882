namespace Vigil.Alertmanager.Config;

/// <summary>A <c>webhook_configs</c> entry.</summary>
public sealed record WebhookConfig : NotifierConfig
{
    /// <summary>The endpoint; a secret, since webhook URLs often embed tokens.</summary>
    public Secret? Url { get; init; }

    /// <summary>File holding the URL, read at send time.</summary>
    public string UrlFile { get; init; } = "";

    /// <summary>Maximum alerts per message; 0 means all.</summary>
    public int MaxAlerts { get; init; }

    /// <summary>Request timeout; zero means none beyond the notification context.</summary>
    public TimeSpan Timeout { get; init; }

    public WebhookConfig() => SendResolved = true;
}
