namespace Vigil.Alertmanager.Config;

/// <summary>A named receiver and its integrations.</summary>
public sealed record ReceiverConfig
{
    public required string Name { get; init; }
    public IReadOnlyList<SlackConfig> SlackConfigs { get; init; } = [];
    public IReadOnlyList<WebhookConfig> WebhookConfigs { get; init; } = [];

    /// <summary>
    /// Receiver kinds that are parsed and validated but delivered by integrations added later
    /// (email, pagerduty, opsgenie, ...): kind name to count, so the status API and check can show them.
    /// </summary>
    public IReadOnlyDictionary<string, int> OtherIntegrations { get; init; } = new Dictionary<string, int>();

    /// <summary>Where this receiver was written, for messages.</summary>
    public SourcePosition Position { get; init; }
}

/// <summary>Settings every notifier config has.</summary>
public abstract record NotifierConfig
{
    /// <summary>Whether to notify about resolved alerts.</summary>
    public bool SendResolved { get; init; }

    /// <summary>HTTP client settings (the global ones when not set).</summary>
    public HttpClientConfig HttpConfig { get; init; } = new();
}
