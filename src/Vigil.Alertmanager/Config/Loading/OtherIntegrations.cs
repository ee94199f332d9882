namespace Vigil.Alertmanager.Config.Loading;

/// <summary>
/// Receiver kinds other than Slack and webhook: each is checked for its keys and required fields as
/// upstream does (with the same inheritance from <c>global</c>), then counted in <see cref="ReceiverConfig.OtherIntegrations"/>.
/// </summary>
internal static partial class OtherIntegrations
{
    /// <summary>One receiver kind: the list key (e.g. <c>email_configs</c>), its keys and its checks.</summary>
    public sealed record Kind(string ListKey, KeySection Section, Action<MapReader, GlobalConfig> Validate);

    public static readonly IReadOnlyList<Kind> Kinds =
    [
        new("email_configs", new KeySection("an email_configs entry", "inside email_configs:",
            "send_resolved", "to", "from", "hello", "smarthost", "auth_username", "auth_password", "auth_password_file",
            "auth_secret", "auth_secret_file", "auth_identity", "headers", "html", "text", "require_tls", "tls_config",
            "force_implicit_tls", "threading"), Email),
        new("pagerduty_configs", ConfigKeys.Integration("pagerduty_configs",
            "service_key", "service_key_file", "routing_key", "routing_key_file", "url", "client", "client_url",
            "description", "details", "images", "links", "source", "severity", "class", "component", "group", "timeout"), PagerDuty),
        new("opsgenie_configs", ConfigKeys.Integration("opsgenie_configs",
            "api_key", "api_key_file", "api_url", "message", "description", "source", "details", "entity", "responders",
            "actions", "tags", "note", "priority", "update_alerts"), OpsGenie),
        new("victorops_configs", ConfigKeys.Integration("victorops_configs",
            "api_key", "api_key_file", "api_url", "routing_key", "message_type", "state_message", "entity_display_name",
            "monitoring_tool", "custom_fields"), VictorOps),
        new("pushover_configs", ConfigKeys.Integration("pushover_configs",
            "user_key", "user_key_file", "token", "token_file", "title", "message", "url", "url_title", "device", "sound",
            "priority", "retry", "expire", "ttl", "html", "monospace"), Pushover),
        new("wechat_configs", ConfigKeys.Integration("wechat_configs",
            "api_secret", "api_secret_file", "corp_id", "message", "api_url", "to_user", "to_party", "to_tag", "agent_id",
            "message_type"), WeChat),
        new("telegram_configs", ConfigKeys.Integration("telegram_configs",
            "api_url", "bot_token", "bot_token_file", "chat_id", "chat_id_file", "message_thread_id", "message",
            "disable_notifications", "parse_mode"), Telegram),
        new("sns_configs", ConfigKeys.Integration("sns_configs",
            "api_url", "sigv4", "topic_arn", "phone_number", "target_arn", "subject", "message", "attributes",
            "use_aws_http_client"), Sns),
        new("webex_configs", ConfigKeys.Integration("webex_configs", "api_url", "message", "room_id"), Webex),
        new("discord_configs", ConfigKeys.Integration("discord_configs",
            "webhook_url", "webhook_url_file", "content", "title", "message", "username", "avatar_url"), WebhookUrlOnly),
        new("msteams_configs", ConfigKeys.Integration("msteams_configs",
            "webhook_url", "webhook_url_file", "title", "summary", "text"), WebhookUrlOnly),
        new("msteamsv2_configs", ConfigKeys.Integration("msteamsv2_configs",
            "webhook_url", "webhook_url_file", "title", "text"), WebhookUrlOnly),
        new("jira_configs", ConfigKeys.Integration("jira_configs",
            "api_url", "api_type", "project", "summary", "description", "labels", "priority", "issue_type",
            "reopen_transition", "resolve_transition", "wont_fix_resolution", "reopen_duration", "fields"), Jira),
        new("rocketchat_configs", ConfigKeys.Integration("rocketchat_configs",
            "api_url", "token_id", "token_id_file", "token", "token_file", "channel", "color", "title", "title_link",
            "text", "fields", "short_fields", "emoji", "icon_url", "image_url", "thumb_url", "link_names", "actions"), RocketChat),
        new("mattermost_configs", ConfigKeys.Integration("mattermost_configs",
            "webhook_url", "webhook_url_file", "channel", "username", "text", "fallback", "color", "pretext",
            "author_name", "author_link", "author_icon", "title", "title_link", "fields", "thumb_url", "footer",
            "footer_icon", "image_url", "icon_url", "icon_emoji", "attachments", "type", "props", "priority"), Mattermost),
        new("incidentio_configs", ConfigKeys.Integration("incidentio_configs",
            "url", "url_file", "alert_source_token", "alert_source_token_file", "max_alerts", "timeout"), IncidentIo),
    ];

    /// <summary>The key sections of all kinds, for hints about misplaced keys.</summary>
    public static IReadOnlyList<KeySection> Sections => Kinds.Select(k => k.Section).ToList();

    /// <summary>Reads every list of other kinds in a receiver; returns kind name (e.g. <c>email</c>) to count.</summary>
    public static Dictionary<string, int> ReadAll(MapReader receiver, GlobalConfig global)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            var n = 0;
            foreach (var entry in receiver.MapList(kind.ListKey, kind.Section))
            {
                CommonFields(entry);
                kind.Validate(entry, global);
                n++;
            }
            if (n > 0)
            {
                counts[kind.ListKey[..^"_configs".Length]] = n;
            }
        }
        return counts;
    }

    private static void CommonFields(MapReader m)
    {
        _ = m.Bool("send_resolved");
        if (m.Section.Keys.Contains("http_config"))
        {
            _ = HttpConfigReader.Read(m);
        }
    }
}
