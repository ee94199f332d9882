using System.Text.Json.Serialization;

namespace Vigil.Alertmanager.Notify.Slack;

/// <summary>
/// The JSON body posted to a Slack incoming webhook or <c>chat.postMessage</c>, field for field
/// what Alertmanager sends (a single legacy attachment carrying the rendered templates).
/// </summary>
public sealed record SlackMessage
{
    [JsonPropertyName("channel")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Channel { get; init; }

    [JsonPropertyName("username")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Username { get; init; }

    [JsonPropertyName("icon_emoji")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? IconEmoji { get; init; }

    [JsonPropertyName("icon_url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? IconUrl { get; init; }

    [JsonPropertyName("link_names")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool LinkNames { get; init; }

    [JsonPropertyName("attachments")]
    public required IReadOnlyList<SlackAttachment> Attachments { get; init; }
}

/// <summary>A legacy Slack attachment. Empty optional strings are left out, as upstream's <c>omitempty</c> does.</summary>
public sealed record SlackAttachment
{
    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Title { get; init; }

    [JsonPropertyName("title_link")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? TitleLink { get; init; }

    [JsonPropertyName("pretext")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Pretext { get; init; }

    [JsonPropertyName("text")]
    public string Text { get; init; } = "";

    [JsonPropertyName("fallback")]
    public string Fallback { get; init; } = "";

    [JsonPropertyName("callback_id")]
    public string CallbackId { get; init; } = "";

    [JsonPropertyName("fields")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<SlackWireField>? Fields { get; init; }

    [JsonPropertyName("actions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<SlackWireAction>? Actions { get; init; }

    [JsonPropertyName("image_url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? ImageUrl { get; init; }

    [JsonPropertyName("thumb_url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? ThumbUrl { get; init; }

    [JsonPropertyName("footer")]
    public string Footer { get; init; } = "";

    [JsonPropertyName("color")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Color { get; init; }

    [JsonPropertyName("mrkdwn_in")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string>? MrkdwnIn { get; init; }
}

/// <summary>An attachment field; <see cref="Short"/> is always written once resolved from short_fields.</summary>
public sealed record SlackWireField
{
    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Title { get; init; }

    [JsonPropertyName("value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Value { get; init; }

    [JsonPropertyName("short")]
    public bool Short { get; init; }
}

/// <summary>An attachment action (button).</summary>
public sealed record SlackWireAction
{
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Type { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Text { get; init; }

    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Url { get; init; }

    [JsonPropertyName("style")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Style { get; init; }

    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Name { get; init; }

    [JsonPropertyName("value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Value { get; init; }

    [JsonPropertyName("confirm")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public SlackWireConfirm? Confirm { get; init; }
}

/// <summary>A confirmation dialog on an action.</summary>
public sealed record SlackWireConfirm
{
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Text { get; init; }

    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Title { get; init; }

    [JsonPropertyName("ok_text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? OkText { get; init; }

    [JsonPropertyName("dismiss_text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? DismissText { get; init; }
}

/// <summary>The JSON answer of Slack's Web API (<c>chat.postMessage</c>).</summary>
public sealed record SlackApiResponse
{
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
