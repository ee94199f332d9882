namespace Vigil.Alertmanager.Config.Loading;

/// <summary>
/// Keys whose values are secrets (passwords, tokens, webhook URLs that embed tokens). Their values are
/// never echoed in findings and are replaced by <c>&lt;secret&gt;</c> in the masked YAML.
/// </summary>
internal static class SecretKeys
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "password", "credentials", "bearer_token", "key", "client_secret", "client_certificate_key",
        "slack_api_url", "slack_app_token", "smtp_auth_password", "smtp_auth_secret", "opsgenie_api_key",
        "victorops_api_key", "wechat_api_secret", "telegram_bot_token", "rocketchat_token", "rocketchat_token_id",
        "mattermost_webhook_url", "app_token", "auth_password", "auth_secret", "api_key", "api_secret",
        "service_key", "routing_key", "user_key", "token", "token_id", "bot_token", "webhook_url",
        "alert_source_token", "secret_key", "access_key",
    };

    /// <summary>Keys that are secret only inside a given kind of entry (a Slack api_url is a webhook with its token; a Jira api_url is not).</summary>
    private static readonly HashSet<(string Section, string Key)> Contextual =
    [
        ("a slack_configs entry", "api_url"),
        ("a webhook_configs entry", "url"),
        ("a incidentio_configs entry", "url"),
    ];

    /// <summary>Whether a key with this name is always a secret.</summary>
    public static bool IsSecretName(string key) => Names.Contains(key);

    /// <summary>Whether <paramref name="key"/> holds a secret in the section named <paramref name="sectionWhere"/>.</summary>
    public static bool IsSecret(string sectionWhere, string key) => Names.Contains(key) || Contextual.Contains((sectionWhere, key));
}
