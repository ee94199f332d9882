namespace Vigil.Alertmanager.Config;

/// <summary>A <c>slack_configs</c> entry. Text fields are Go templates; defaults reference the default templates.</summary>
public sealed record SlackConfig : NotifierConfig
{
    /// <summary>Incoming webhook URL (or the global one).</summary>
    public Secret? ApiUrl { get; init; }
    public string ApiUrlFile { get; init; } = "";

    /// <summary>Bot token for <c>chat.postMessage</c>, used instead of a webhook.</summary>
    public Secret? AppToken { get; init; }
    public string AppTokenFile { get; init; } = "";

    /// <summary>The Slack API URL used with an app token.</summary>
    public string AppUrl { get; init; } = "https://slack.com/api/chat.postMessage";

    public string Channel { get; init; } = "";
    public string Username { get; init; } = "{{ template \"slack.default.username\" . }}";
    public string Color { get; init; } = "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}";
    public string Title { get; init; } = "{{ template \"slack.default.title\" . }}";
    public string TitleLink { get; init; } = "{{ template \"slack.default.titlelink\" . }}";
    public string Pretext { get; init; } = "{{ template \"slack.default.pretext\" . }}";
    public string Text { get; init; } = "{{ template \"slack.default.text\" . }}";

    /// <summary>Top-level message text (outside the attachment), used with bot tokens.</summary>
    public string MessageText { get; init; } = "";

    public IReadOnlyList<SlackField> Fields { get; init; } = [];
    public bool ShortFields { get; init; }
    public string Footer { get; init; } = "{{ template \"slack.default.footer\" . }}";
    public string Fallback { get; init; } = "{{ template \"slack.default.fallback\" . }}";
    public string CallbackId { get; init; } = "{{ template \"slack.default.callbackid\" . }}";
    public string IconEmoji { get; init; } = "{{ template \"slack.default.iconemoji\" . }}";
    public string IconUrl { get; init; } = "{{ template \"slack.default.iconurl\" . }}";
    public string ImageUrl { get; init; } = "";
    public string ThumbUrl { get; init; } = "";
    public bool LinkNames { get; init; }
    public IReadOnlyList<string> MrkdwnIn { get; init; } = ["fallback", "pretext", "text"];
    public IReadOnlyList<SlackAction> Actions { get; init; } = [];

    /// <summary>Update the previous message of the group instead of posting a new one (bot tokens only).</summary>
    public bool UpdateMessage { get; init; }

    /// <summary>Request timeout; zero means none beyond the notification context.</summary>
    public TimeSpan Timeout { get; init; }

    public SlackConfig() => SendResolved = false;
}

/// <summary>A Slack attachment field.</summary>
public sealed record SlackField
{
    public string Title { get; init; } = "";
    public string Value { get; init; } = "";
    /// <summary>Null means "use the config's short_fields".</summary>
    public bool? Short { get; init; }
}

/// <summary>A Slack attachment action (button).</summary>
public sealed record SlackAction
{
    public string Type { get; init; } = "";
    public string Text { get; init; } = "";
    public string Url { get; init; } = "";
    public string Style { get; init; } = "";
    public string Name { get; init; } = "";
    public string Value { get; init; } = "";
    public SlackConfirmationField? ConfirmField { get; init; }
}

/// <summary>A confirmation dialog on a Slack action.</summary>
public sealed record SlackConfirmationField
{
    public string Text { get; init; } = "";
    public string Title { get; init; } = "";
    public string OkText { get; init; } = "";
    public string DismissText { get; init; } = "";
}
