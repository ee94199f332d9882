using System.Text.RegularExpressions;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Per-kind checks, following upstream's required fields and global fallbacks.</summary>
internal static partial class OtherIntegrations
{
    private static void Email(MapReader m, GlobalConfig g)
    {
        Required(m, "to", "the address to send to, e.g. to: oncall@example.org");
        NeedOne(m, ["smarthost"], g.SmtpSmarthost.Length > 0, "smtp_smarthost");
        NeedOne(m, ["from"], g.SmtpFrom.Length > 0, "smtp_from");
        m.AtMostOne("auth_password", "auth_password_file");
        m.AtMostOne("auth_secret", "auth_secret_file");
        if (m.String("smarthost") is { Length: > 0 } host && !HostPort.IsValid(host))
        {
            m.Context.Error(m.Value("smarthost")!, m.PathOf("smarthost"), $"expected host:port, got {SlackReader.Q(host)}", "e.g. smtp.example.org:587");
        }
        _ = m.SecretValue("auth_password");
        _ = m.SecretValue("auth_secret");
        _ = m.Bool("require_tls");
        _ = m.Bool("force_implicit_tls");
        _ = m.StringMap("headers");
        _ = HttpConfigReader.ReadTls(m);
        if (m.Map("threading", new KeySection("threading", "under threading:", "enabled", "thread_by_date")) is { } t
            && t.Bool("enabled") == true && t.String("thread_by_date") is not ("none" or "daily"))
        {
            m.Context.Error(t.Node, t.PathOf("thread_by_date"), "threading.thread_by_date must be none or daily");
        }
    }

    private static void PagerDuty(MapReader m, GlobalConfig g)
    {
        NeedOne(m, ["routing_key", "routing_key_file", "service_key", "service_key_file"], false, null,
            "routing_key is the Events API v2 integration key; service_key is the legacy v1 key");
        m.AtMostOne("routing_key", "routing_key_file");
        m.AtMostOne("service_key", "service_key_file");
        _ = m.Url("url");
        _ = m.GoDuration("timeout");
    }

    private static void OpsGenie(MapReader m, GlobalConfig g)
    {
        m.AtMostOne("api_key", "api_key_file");
        NeedOne(m, ["api_key", "api_key_file"], g.OpsgenieApiKey is not null || g.OpsgenieApiKeyFile.Length > 0, "opsgenie_api_key");
        _ = m.Url("api_url");
        _ = m.Bool("update_alerts");
        _ = m.StringMap("details");
        var types = new Regex("^(team|teams|user|escalation|schedule)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        foreach (var r in m.MapList("responders", new KeySection("an opsgenie responder", "in responders:", "id", "name", "username", "type")))
        {
            if (!r.Has("id") && !r.Has("name") && !r.Has("username"))
            {
                r.Context.Error(r.Node, r.PathPrefix, "a responder needs at least one of id, username or name");
            }
            if (r.String("type") is { } type && !type.Contains("{{", StringComparison.Ordinal) && !types.IsMatch(type.ToLowerInvariant()))
            {
                r.Context.Error(r.Value("type")!, r.PathOf("type"), $"unknown responder type {SlackReader.Q(type)}", "use team, teams, user, escalation or schedule");
            }
        }
    }

    private static void VictorOps(MapReader m, GlobalConfig g)
    {
        Required(m, "routing_key", "the VictorOps routing key");
        m.AtMostOne("api_key", "api_key_file");
        NeedOne(m, ["api_key", "api_key_file"], g.VictoropsApiKey is not null || g.VictoropsApiKeyFile.Length > 0, "victorops_api_key");
        _ = m.Url("api_url");
        var reserved = new[] { "routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool", "entity_id", "entity_state" };
        foreach (var name in (m.StringMap("custom_fields") ?? new Dictionary<string, string>()).Keys.Where(reserved.Contains))
        {
            m.Context.Error(m.Value("custom_fields")!, m.PathOf("custom_fields"), $"custom field {name} conflicts with a fixed VictorOps field");
        }
    }

    private static void Pushover(MapReader m, GlobalConfig g)
    {
        NeedOne(m, ["user_key", "user_key_file"], false, null);
        m.AtMostOne("user_key", "user_key_file");
        NeedOne(m, ["token", "token_file"], false, null);
        m.AtMostOne("token", "token_file");
        m.AtMostOne("html", "monospace");
        foreach (var key in new[] { "retry", "expire", "ttl" })
        {
            _ = m.GoDuration(key);
        }
    }

    private static void WeChat(MapReader m, GlobalConfig g)
    {
        m.AtMostOne("api_secret", "api_secret_file");
        NeedOne(m, ["api_secret", "api_secret_file"], g.WechatApiSecret is not null || g.WechatApiSecretFile.Length > 0, "wechat_api_secret");
        NeedOne(m, ["corp_id"], g.WechatApiCorpId.Length > 0, "wechat_api_corp_id");
        if (m.String("message_type") is { Length: > 0 } type && type is not ("text" or "markdown"))
        {
            m.Context.Error(m.Value("message_type")!, m.PathOf("message_type"), $"unknown message_type {SlackReader.Q(type)}", "use text or markdown");
        }
        _ = m.Url("api_url");
    }

    private static void Telegram(MapReader m, GlobalConfig g)
    {
        m.AtMostOne("bot_token", "bot_token_file");
        NeedOne(m, ["bot_token", "bot_token_file"], g.TelegramBotToken is not null || g.TelegramBotTokenFile.Length > 0, "telegram_bot_token");
        NeedOne(m, ["chat_id", "chat_id_file"], false, null);
        m.AtMostOne("chat_id", "chat_id_file");
        _ = m.Int("chat_id");
        _ = m.Int("message_thread_id");
        _ = m.Bool("disable_notifications");
        if (m.String("parse_mode") is { } mode && mode is not ("" or "Markdown" or "MarkdownV2" or "HTML"))
        {
            m.Context.Error(m.Value("parse_mode")!, m.PathOf("parse_mode"), $"unknown parse_mode {SlackReader.Q(mode)}", "use Markdown, MarkdownV2, HTML or leave it empty");
        }
        _ = m.Url("api_url");
    }

    private static void Sns(MapReader m, GlobalConfig g)
    {
        NeedOne(m, ["target_arn", "topic_arn", "phone_number"], false, null);
        _ = m.Map("sigv4", new KeySection("sigv4", "under sigv4:", "region", "access_key", "secret_key", "profile", "role_arn", "use_fips_sts_endpoint", "external_id"));
        _ = m.StringMap("attributes");
        _ = m.Bool("use_aws_http_client");
    }

    private static void Webex(MapReader m, GlobalConfig g)
    {
        Required(m, "room_id", "the Webex room to post to");
        if (m.Map("http_config", ConfigKeys.HttpConfig)?.Has("authorization") != true)
        {
            m.Context.Error(m.Node, m.PathOf("http_config.authorization"), "webex_configs needs http_config.authorization",
                "http_config: { authorization: { credentials: <bot access token> } }");
        }
        _ = m.Url("api_url");
    }

    private static void WebhookUrlOnly(MapReader m, GlobalConfig g)
    {
        NeedOne(m, ["webhook_url", "webhook_url_file"], false, null);
        m.AtMostOne("webhook_url", "webhook_url_file");
        _ = m.SecretUrl("webhook_url");
    }

    private static void Jira(MapReader m, GlobalConfig g)
    {
        Required(m, "project", "the Jira project key");
        Required(m, "issue_type", "e.g. issue_type: Bug");
        NeedOne(m, ["api_url"], g.JiraApiUrl.Length > 0, "jira_api_url");
        if (m.String("api_type") is { } type && type is not ("auto" or "cloud" or "datacenter"))
        {
            m.Context.Error(m.Value("api_type")!, m.PathOf("api_type"), $"unknown api_type {SlackReader.Q(type)}", "use auto, cloud or datacenter");
        }
        _ = m.Url("api_url");
        _ = m.StringList("labels");
        _ = m.Duration("reopen_duration");
    }

    private static void RocketChat(MapReader m, GlobalConfig g)
    {
        m.AtMostOne("token", "token_file");
        m.AtMostOne("token_id", "token_id_file");
        NeedOne(m, ["token_id", "token_id_file"], g.RocketchatTokenId is not null || g.RocketchatTokenIdFile.Length > 0, "rocketchat_token_id");
        NeedOne(m, ["token", "token_file"], g.RocketchatToken is not null || g.RocketchatTokenFile.Length > 0, "rocketchat_token");
        _ = m.Url("api_url");
    }

    private static void Mattermost(MapReader m, GlobalConfig g)
    {
        m.AtMostOne("webhook_url", "webhook_url_file");
        NeedOne(m, ["webhook_url", "webhook_url_file"], g.MattermostWebhookUrl is not null || g.MattermostWebhookUrlFile.Length > 0, "mattermost_webhook_url");
        _ = m.SecretUrl("webhook_url");
    }

    private static void IncidentIo(MapReader m, GlobalConfig g)
    {
        NeedOne(m, ["url", "url_file"], false, null);
        m.AtMostOne("url", "url_file");
        m.AtMostOne("alert_source_token", "alert_source_token_file");
        var hasToken = m.Has("alert_source_token") || m.Has("alert_source_token_file");
        var hasAuth = m.Map("http_config", ConfigKeys.HttpConfig)?.Has("authorization") == true;
        if (hasToken == hasAuth)
        {
            m.Context.Error(m.Node, m.PathPrefix, hasToken
                ? "alert_source_token cannot be combined with http_config.authorization"
                : "incidentio_configs needs alert_source_token, alert_source_token_file or http_config.authorization");
        }
        _ = m.SecretUrl("url");
        _ = m.Int("max_alerts");
        _ = m.GoDuration("timeout");
    }

    private static void Required(MapReader m, string key, string example)
    {
        if (string.IsNullOrEmpty(m.String(key)))
        {
            m.Context.Error(m.Has(key) ? m.KeyNode(key) : m.Node, m.PathOf(key), $"missing {key} in {m.Section.Where}", example);
        }
    }

    /// <summary>Reports when none of <paramref name="keys"/> is set here and the global fallback (if any) is not set either.</summary>
    private static void NeedOne(MapReader m, string[] keys, bool globalSet, string? globalKey, string? extra = null)
    {
        if (globalSet || keys.Any(m.Has))
        {
            return;
        }
        var what = keys.Length == 1 ? keys[0] : "one of " + string.Join(", ", keys);
        var hint = globalKey is null ? extra : $"set {keys[0]} here or {globalKey} under global:";
        m.Context.Error(m.Node, m.PathOf(keys[0]), $"missing {what} in {m.Section.Where}", hint);
    }
}
