namespace Vigil.Alertmanager.Config;

/// <summary>The <c>global</c> section: defaults shared by receivers.</summary>
public sealed record GlobalConfig
{
    /// <summary>How long an alert without endsAt stays firing after its last update (default 5m).</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Default HTTP client settings for receivers.</summary>
    public HttpClientConfig HttpConfig { get; init; } = new();

    public string SmtpFrom { get; init; } = "";
    public string SmtpHello { get; init; } = "localhost";
    public string SmtpSmarthost { get; init; } = "";
    public string SmtpAuthUsername { get; init; } = "";
    public Secret? SmtpAuthPassword { get; init; }
    public string SmtpAuthPasswordFile { get; init; } = "";
    public Secret? SmtpAuthSecret { get; init; }
    public string SmtpAuthIdentity { get; init; } = "";
    public bool SmtpRequireTls { get; init; } = true;

    /// <summary>Default Slack incoming-webhook URL.</summary>
    public Secret? SlackApiUrl { get; init; }

    /// <summary>File holding the default Slack webhook URL (read at send time).</summary>
    public string SlackApiUrlFile { get; init; } = "";

    public string PagerdutyUrl { get; init; } = "https://events.pagerduty.com/v2/enqueue";
    public Secret? OpsgenieApiKey { get; init; }
    public string OpsgenieApiKeyFile { get; init; } = "";
    public string OpsgenieApiUrl { get; init; } = "https://api.opsgenie.com/";
    public string VictoropsApiUrl { get; init; } = "https://alert.victorops.com/integrations/generic/20131114/alert/";
    public Secret? VictoropsApiKey { get; init; }
    public string VictoropsApiKeyFile { get; init; } = "";
    public string WechatApiUrl { get; init; } = "https://qyapi.weixin.qq.com/cgi-bin/";
    public Secret? WechatApiSecret { get; init; }
    public string WechatApiCorpId { get; init; } = "";
    public string TelegramApiUrl { get; init; } = "https://api.telegram.org";
    public string WebexApiUrl { get; init; } = "https://webexapis.com/v1/messages";

    public string SmtpAuthSecretFile { get; init; } = "";

    /// <summary>Default Slack bot token (used with <see cref="SlackAppUrl"/> instead of a webhook).</summary>
    public Secret? SlackAppToken { get; init; }
    public string SlackAppTokenFile { get; init; } = "";

    /// <summary>The Slack API used with app tokens.</summary>
    public string SlackAppUrl { get; init; } = "https://slack.com/api/chat.postMessage";

    public Secret? TelegramBotToken { get; init; }
    public string TelegramBotTokenFile { get; init; } = "";
    public string WechatApiSecretFile { get; init; } = "";

    /// <summary>Jira API URL; empty when not set (Jira receivers then must set api_url).</summary>
    public string JiraApiUrl { get; init; } = "";
    public string RocketchatApiUrl { get; init; } = "https://open.rocket.chat/";
    public Secret? RocketchatToken { get; init; }
    public string RocketchatTokenFile { get; init; } = "";
    public Secret? RocketchatTokenId { get; init; }
    public string RocketchatTokenIdFile { get; init; } = "";
    public Secret? MattermostWebhookUrl { get; init; }
    public string MattermostWebhookUrlFile { get; init; } = "";
}
