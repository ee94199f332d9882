using System.Text.Json.Serialization;
using Vigil.Alertmanager.Templates;

namespace Vigil.Alertmanager.Notify.Webhook;

/// <summary>
/// Alertmanager's webhook body, protocol version "4": the template data plus version, group key
/// and the number of alerts left out by <c>max_alerts</c>. Keys and their order are upstream's.
/// </summary>
public sealed record WebhookMessage
{
    [JsonPropertyName("receiver")]
    public required string Receiver { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("alerts")]
    public required IReadOnlyList<WebhookAlert> Alerts { get; init; }

    [JsonPropertyName("groupLabels")]
    public required IReadOnlyDictionary<string, string> GroupLabels { get; init; }

    [JsonPropertyName("commonLabels")]
    public required IReadOnlyDictionary<string, string> CommonLabels { get; init; }

    [JsonPropertyName("commonAnnotations")]
    public required IReadOnlyDictionary<string, string> CommonAnnotations { get; init; }

    [JsonPropertyName("externalURL")]
    public required string ExternalURL { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "4";

    [JsonPropertyName("groupKey")]
    public required string GroupKey { get; init; }

    [JsonPropertyName("truncatedAlerts")]
    public ulong TruncatedAlerts { get; init; }

    /// <summary>The template data the message was built from (for rendering a templated URL); not sent.</summary>
    [JsonIgnore]
    public TemplateData? Data { get; init; }

    /// <summary>Builds the message from template data.</summary>
    public static WebhookMessage From(TemplateData data, string groupKey, ulong truncatedAlerts) => new()
    {
        Receiver = data.Receiver,
        Status = data.Status,
        Alerts = data.Alerts.Select(WebhookAlert.From).ToList(),
        GroupLabels = data.GroupLabels,
        CommonLabels = data.CommonLabels,
        CommonAnnotations = data.CommonAnnotations,
        ExternalURL = data.ExternalURL,
        GroupKey = groupKey,
        TruncatedAlerts = truncatedAlerts,
        Data = data,
    };
}

/// <summary>One alert in a webhook body.</summary>
public sealed record WebhookAlert
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [JsonPropertyName("annotations")]
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    [JsonPropertyName("startsAt")]
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset StartsAt { get; init; }

    [JsonPropertyName("endsAt")]
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset EndsAt { get; init; }

    [JsonPropertyName("generatorURL")]
    public string GeneratorURL { get; init; } = "";

    [JsonPropertyName("fingerprint")]
    public string Fingerprint { get; init; } = "";

    /// <summary>Converts a template alert.</summary>
    public static WebhookAlert From(TemplateAlert alert) => new()
    {
        Status = alert.Status,
        Labels = alert.Labels,
        Annotations = alert.Annotations,
        StartsAt = alert.StartsAt,
        EndsAt = alert.EndsAt,
        GeneratorURL = alert.GeneratorURL,
        Fingerprint = alert.Fingerprint,
    };
}
