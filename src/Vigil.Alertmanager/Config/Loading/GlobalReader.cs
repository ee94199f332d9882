namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads the <c>global</c> section: defaults that receivers inherit.</summary>
internal static class GlobalReader
{
    public static GlobalConfig Read(MapReader? g)
    {
        var d = new GlobalConfig();
        if (g is null)
        {
            return d;
        }
        CheckPairs(g);
        CheckSmarthost(g);
        _ = HttpConfigReader.ReadTls(g, "smtp_tls_config");
        _ = g.Bool("smtp_force_implicit_tls");
        return ReadUrls(g, d) with
        {
            ResolveTimeout = g.Duration("resolve_timeout") ?? d.ResolveTimeout,
            HttpConfig = HttpConfigReader.Read(g) ?? d.HttpConfig,
            SmtpFrom = g.String("smtp_from") ?? d.SmtpFrom,
            SmtpHello = g.String("smtp_hello") ?? d.SmtpHello,
            SmtpSmarthost = g.String("smtp_smarthost") ?? d.SmtpSmarthost,
            SmtpAuthUsername = g.String("smtp_auth_username") ?? d.SmtpAuthUsername,
            SmtpAuthPassword = g.SecretValue("smtp_auth_password"),
            SmtpAuthPasswordFile = g.String("smtp_auth_password_file") ?? "",
            SmtpAuthSecret = g.SecretValue("smtp_auth_secret"),
            SmtpAuthSecretFile = g.String("smtp_auth_secret_file") ?? "",
            SmtpAuthIdentity = g.String("smtp_auth_identity") ?? d.SmtpAuthIdentity,
            SmtpRequireTls = g.Bool("smtp_require_tls") ?? d.SmtpRequireTls,
            SlackApiUrl = g.SecretUrl("slack_api_url"),
            SlackApiUrlFile = g.String("slack_api_url_file") ?? "",
            SlackAppToken = g.SecretValue("slack_app_token"),
            SlackAppTokenFile = g.String("slack_app_token_file") ?? "",
            OpsgenieApiKey = g.SecretValue("opsgenie_api_key"),
            OpsgenieApiKeyFile = g.String("opsgenie_api_key_file") ?? "",
            VictoropsApiKey = g.SecretValue("victorops_api_key"),
            VictoropsApiKeyFile = g.String("victorops_api_key_file") ?? "",
            WechatApiSecret = g.SecretValue("wechat_api_secret"),
            WechatApiSecretFile = g.String("wechat_api_secret_file") ?? "",
            WechatApiCorpId = g.String("wechat_api_corp_id") ?? "",
            TelegramBotToken = g.SecretValue("telegram_bot_token"),
            TelegramBotTokenFile = g.String("telegram_bot_token_file") ?? "",
            RocketchatToken = g.SecretValue("rocketchat_token"),
            RocketchatTokenFile = g.String("rocketchat_token_file") ?? "",
            RocketchatTokenId = g.SecretValue("rocketchat_token_id"),
            RocketchatTokenIdFile = g.String("rocketchat_token_id_file") ?? "",
            MattermostWebhookUrl = g.SecretUrl("mattermost_webhook_url"),
            MattermostWebhookUrlFile = g.String("mattermost_webhook_url_file") ?? "",
        };
    }

    private static GlobalConfig ReadUrls(MapReader g, GlobalConfig d) => d with
    {
        PagerdutyUrl = g.Url("pagerduty_url") ?? d.PagerdutyUrl,
        OpsgenieApiUrl = g.Url("opsgenie_api_url") ?? d.OpsgenieApiUrl,
        VictoropsApiUrl = g.Url("victorops_api_url") ?? d.VictoropsApiUrl,
        WechatApiUrl = g.Url("wechat_api_url") ?? d.WechatApiUrl,
        TelegramApiUrl = g.Url("telegram_api_url") ?? d.TelegramApiUrl,
        WebexApiUrl = g.Url("webex_api_url") ?? d.WebexApiUrl,
        JiraApiUrl = g.Url("jira_api_url") ?? d.JiraApiUrl,
        RocketchatApiUrl = g.Url("rocketchat_api_url") ?? d.RocketchatApiUrl,
        SlackAppUrl = g.Url("slack_app_url") ?? d.SlackAppUrl,
    };

    private static void CheckPairs(MapReader g)
    {
        foreach (var name in new[]
        {
            "slack_api_url", "slack_app_token", "opsgenie_api_key", "victorops_api_key", "telegram_bot_token",
            "smtp_auth_password", "smtp_auth_secret", "wechat_api_secret", "rocketchat_token", "rocketchat_token_id",
            "mattermost_webhook_url",
        })
        {
            g.AtMostOne(name, name + "_file");
        }
        var hasToken = g.Has("slack_app_token") || g.Has("slack_app_token_file");
        var hasUrl = g.Has("slack_api_url") || g.Has("slack_api_url_file");
        // Upstream tolerates both only when slack_api_url equals the app URL (a documented transition workaround).
        if (hasToken && hasUrl && g.String("slack_api_url") != (g.String("slack_app_url") ?? new GlobalConfig().SlackAppUrl))
        {
            g.Context.Error(g.KeyNode("slack_app_token"), g.PathOf("slack_app_token"),
                "at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file may be set",
                "an incoming webhook (slack_api_url) and a bot token (slack_app_token) are two ways to post; pick one");
        }
    }

    private static void CheckSmarthost(MapReader g)
    {
        if (g.String("smtp_smarthost") is { Length: > 0 } host && !HostPort.IsValid(host))
        {
            g.Context.Error(g.Value("smtp_smarthost")!, g.PathOf("smtp_smarthost"),
                $"expected host:port, got {Vigil.Model.GoString.Quote(host)}", "e.g. smtp.example.org:587");
        }
    }
}
