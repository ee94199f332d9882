namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Every mapping of <c>alertmanager.yml</c> and the keys it accepts, as documented upstream today.</summary>
internal static class ConfigKeys
{
    public static readonly KeySection Top = new("alertmanager.yml", "at the top level of alertmanager.yml (not indented)",
        "global", "route", "inhibit_rules", "receivers", "templates", "mute_time_intervals", "time_intervals",
        "tracing", "event_recorder");

    public static readonly KeySection Global = new("global", "under global:",
        "resolve_timeout", "http_config", "jira_api_url", "smtp_from", "smtp_hello", "smtp_smarthost",
        "smtp_auth_username", "smtp_auth_password", "smtp_auth_password_file", "smtp_auth_secret",
        "smtp_auth_secret_file", "smtp_auth_identity", "smtp_require_tls", "smtp_tls_config", "smtp_force_implicit_tls",
        "slack_api_url", "slack_api_url_file", "slack_app_token", "slack_app_token_file", "slack_app_url",
        "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key", "opsgenie_api_key_file",
        "wechat_api_url", "wechat_api_secret", "wechat_api_secret_file", "wechat_api_corp_id",
        "victorops_api_url", "victorops_api_key", "victorops_api_key_file",
        "telegram_api_url", "telegram_bot_token", "telegram_bot_token_file", "webex_api_url",
        "rocketchat_api_url", "rocketchat_token", "rocketchat_token_file", "rocketchat_token_id", "rocketchat_token_id_file",
        "mattermost_webhook_url", "mattermost_webhook_url_file");

    public static readonly KeySection Route = new("route", "under route: (or one of its routes:)",
        "receiver", "group_by", "match", "match_re", "matchers", "mute_time_intervals", "active_time_intervals",
        "continue", "routes", "group_wait", "group_interval", "repeat_interval", "labels");

    public static readonly KeySection Receiver = new("a receivers entry", "in a receivers entry (next to name:)",
        "name", "labels", "discord_configs", "email_configs", "incidentio_configs", "pagerduty_configs", "slack_configs",
        "webhook_configs", "opsgenie_configs", "wechat_configs", "pushover_configs", "victorops_configs", "sns_configs",
        "telegram_configs", "webex_configs", "msteams_configs", "msteamsv2_configs", "jira_configs", "rocketchat_configs",
        "mattermost_configs");

    public static readonly KeySection InhibitRule = new("an inhibit_rules entry", "in an inhibit_rules entry",
        "name", "source_match", "source_match_re", "source_matchers", "target_match", "target_match_re",
        "target_matchers", "equal");

    public static readonly KeySection TimeInterval = new("a time_intervals entry", "in a time_intervals entry (next to name:)",
        "name", "time_intervals");

    public static readonly KeySection TimePeriod = new("a time interval period", "in an entry of a time interval's time_intervals: list",
        "times", "weekdays", "days_of_month", "months", "years", "location");

    public static readonly KeySection TimeRange = new("a times entry", "in a times: entry", "start_time", "end_time");

    public static readonly KeySection HttpConfig = new("http_config", "under http_config:",
        "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file", "tls_config", "follow_redirects",
        "enable_http2", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header", "http_headers");

    public static readonly KeySection BasicAuth = new("basic_auth", "under basic_auth:",
        "username", "username_file", "username_ref", "password", "password_file", "password_ref");

    public static readonly KeySection Authorization = new("authorization", "under authorization:",
        "type", "credentials", "credentials_file", "credentials_ref");

    public static readonly KeySection Tls = new("tls_config", "under tls_config:",
        "ca", "cert", "key", "ca_file", "cert_file", "key_file", "ca_ref", "cert_ref", "key_ref", "server_name",
        "insecure_skip_verify", "min_version", "max_version");

    public static readonly KeySection OAuth2 = new("oauth2", "under oauth2:",
        "client_id", "client_secret", "client_secret_file", "client_secret_ref", "client_certificate_key_id",
        "client_certificate_key", "client_certificate_key_file", "client_certificate_key_ref", "grant_type",
        "signature_algorithm", "iss", "audience", "claims", "scopes", "token_url", "endpoint_params", "tls_config",
        "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header");

    public static readonly KeySection Slack = Integration("slack_configs",
        "api_url", "api_url_file", "app_token", "app_token_file", "app_url", "channel", "username", "color", "title",
        "title_link", "pretext", "text", "message_text", "fields", "short_fields", "footer", "fallback", "callback_id",
        "icon_emoji", "icon_url", "image_url", "thumb_url", "link_names", "mrkdwn_in", "actions", "update_message", "timeout");

    public static readonly KeySection SlackField = new("a Slack field", "in a slack_configs fields: entry", "title", "value", "short");

    public static readonly KeySection SlackAction = new("a Slack action", "in a slack_configs actions: entry",
        "type", "text", "url", "style", "name", "value", "confirm");

    public static readonly KeySection SlackConfirm = new("a Slack action confirm", "under confirm:", "text", "title", "ok_text", "dismiss_text");

    public static readonly KeySection Webhook = Integration("webhook_configs", "url", "url_file", "max_alerts", "timeout", "payload");

    public static readonly KeySection Tracing = new("tracing", "under tracing:",
        "client_type", "endpoint", "sampling_fraction", "insecure", "tls_config", "headers", "compression", "timeout");

    public static readonly KeySection EventRecorder = new("event_recorder", "under event_recorder:",
        "file_outputs", "webhook_outputs", "kafka_outputs", "stdout_outputs");

    /// <summary>Free-form mappings (labels, payloads, details): any key goes.</summary>
    public static readonly KeySection Any = KeySection.AnyKeys;

    /// <summary>A receiver integration list entry: every kind accepts send_resolved and http_config.</summary>
    public static KeySection Integration(string listKey, params string[] keys) =>
        new($"a {listKey} entry", $"inside {listKey}:", ["send_resolved", "http_config", .. keys]);

    static ConfigKeys()
    {
        Top.Children = [Global, Route];
        Receiver.Children = [Slack, Webhook, .. OtherIntegrations.Sections];
        Slack.Children = [HttpConfig, SlackField, SlackAction];
        Webhook.Children = [HttpConfig];
        HttpConfig.Children = [Tls, BasicAuth, Authorization, OAuth2];
        Global.Children = [HttpConfig];
        TimeInterval.Children = [TimePeriod];
        TimePeriod.Children = [TimeRange];
    }

    /// <summary>Every section, in the order hints look for the place a misplaced key belongs.</summary>
    public static IReadOnlyList<KeySection> All { get; } =
    [
        Top, Global, Route, Receiver, Slack, Webhook, .. OtherIntegrations.Sections, InhibitRule, TimeInterval,
        TimePeriod, TimeRange, HttpConfig, Tls, BasicAuth, Authorization, OAuth2, SlackField, SlackAction, SlackConfirm,
    ];
}
