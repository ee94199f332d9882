
namespace Vigil.Alertmanager.Config.Loading;

/// <summary>
/// Explains a key that is not allowed where it was written: it belongs to prometheus.yml or a rule
/// file, it belongs elsewhere in alertmanager.yml, or it is a near miss of a valid key.
/// </summary>
internal static class KeyHints
{
    private const string RulesWhy = "rules are evaluated by the Prometheus server, which sends the alerts to Alertmanager";
    private const string ServerWhy = "it configures the Prometheus server, not Alertmanager";

    private static readonly Dictionary<string, string> PrometheusTop = new(StringComparer.Ordinal)
    {
        ["rule_files"] = RulesWhy,
        ["scrape_configs"] = "Prometheus scrapes the targets; Alertmanager only receives alerts",
        ["scrape_config_files"] = "Prometheus scrapes the targets; Alertmanager only receives alerts",
        ["alerting"] = "it tells Prometheus which Alertmanagers to send alerts to",
        ["remote_write"] = ServerWhy,
        ["remote_read"] = ServerWhy,
        ["storage"] = ServerWhy,
        ["otlp"] = ServerWhy,
        ["runtime"] = ServerWhy,
    };

    private static readonly Dictionary<string, string> PrometheusGlobal = new(StringComparer.Ordinal)
    {
        ["scrape_interval"] = "Prometheus scrapes the targets; Alertmanager only receives alerts",
        ["scrape_timeout"] = "Prometheus scrapes the targets; Alertmanager only receives alerts",
        ["evaluation_interval"] = RulesWhy,
        ["rule_query_offset"] = RulesWhy,
        ["external_labels"] = "Prometheus attaches external labels to the alerts it sends",
        ["query_log_file"] = ServerWhy,
    };

    private static readonly HashSet<string> RuleFileKeys = new(StringComparer.Ordinal) { "groups", "alert", "expr", "for", "record" };

    /// <summary>Global keys that a receiver integration spells differently, to explain e.g. slack_api_url inside slack_configs.</summary>
    private static readonly Dictionary<string, string> GlobalToLocal = new(StringComparer.Ordinal)
    {
        ["slack_api_url"] = "api_url", ["slack_api_url_file"] = "api_url_file", ["slack_app_token"] = "app_token",
        ["slack_app_token_file"] = "app_token_file", ["slack_app_url"] = "app_url",
        ["smtp_from"] = "from", ["smtp_hello"] = "hello", ["smtp_smarthost"] = "smarthost",
        ["smtp_auth_username"] = "auth_username", ["smtp_auth_password"] = "auth_password",
        ["smtp_auth_password_file"] = "auth_password_file", ["smtp_auth_secret"] = "auth_secret",
        ["smtp_auth_identity"] = "auth_identity", ["smtp_require_tls"] = "require_tls", ["smtp_tls_config"] = "tls_config",
        ["pagerduty_url"] = "url", ["opsgenie_api_url"] = "api_url", ["opsgenie_api_key"] = "api_key",
        ["opsgenie_api_key_file"] = "api_key_file", ["victorops_api_url"] = "api_url", ["victorops_api_key"] = "api_key",
        ["victorops_api_key_file"] = "api_key_file", ["wechat_api_url"] = "api_url", ["wechat_api_secret"] = "api_secret",
        ["wechat_api_secret_file"] = "api_secret_file", ["wechat_api_corp_id"] = "corp_id",
        ["telegram_api_url"] = "api_url", ["telegram_bot_token"] = "bot_token", ["telegram_bot_token_file"] = "bot_token_file",
        ["webex_api_url"] = "api_url", ["jira_api_url"] = "api_url", ["rocketchat_api_url"] = "api_url",
        ["rocketchat_token"] = "token", ["rocketchat_token_file"] = "token_file", ["rocketchat_token_id"] = "token_id",
        ["rocketchat_token_id_file"] = "token_id_file", ["mattermost_webhook_url"] = "webhook_url",
        ["mattermost_webhook_url_file"] = "webhook_url_file",
    };

    /// <summary>The message and hint for <paramref name="key"/> found in <paramref name="section"/>.</summary>
    /// <param name="section">Where the key was written.</param>
    /// <param name="key">The key.</param>
    /// <param name="emptyKeyLine">The line of a sibling key written with an empty value, if any: a key that belongs
    /// under an empty <c>route:</c> next to it was almost certainly meant to be indented below it.</param>
    public static (string Message, string? Hint) Explain(KeySection section, string key, Func<string, int?> emptyKeyLine)
    {
        var message = section == ConfigKeys.Top
            ? "field not allowed in alertmanager.yml"
            : $"field not allowed in {section.Where}";
        var hint = Hint(section, key);
        if (section == ConfigKeys.Top && SectionKeyFor(key) is { } parent && emptyKeyLine(parent) is { } line)
        {
            hint = $"it belongs under {parent}: — indent it below {parent}: on line {line}, which is empty as written";
        }
        return (message, hint);
    }

    /// <summary>The top-level section a key belongs to when it is a direct key of global: or route:.</summary>
    private static string? SectionKeyFor(string key) =>
        ConfigKeys.Global.Keys.Contains(key) ? "global" : ConfigKeys.Route.Keys.Contains(key) ? "route" : null;

    /// <summary>Keys people write by analogy with other tools or other receivers, with what this place calls them.</summary>
    private static readonly Dictionary<(KeySection, string), string> Specific = new()
    {
        [(ConfigKeys.Slack, "webhook_url")] = "the Slack incoming webhook URL is api_url here (or slack_api_url under global:)",
        [(ConfigKeys.Slack, "url")] = "the Slack incoming webhook URL is api_url here (or slack_api_url under global:)",
        [(ConfigKeys.Webhook, "webhook_url")] = "the endpoint of a webhook_configs entry is url",
        [(ConfigKeys.Webhook, "api_url")] = "the endpoint of a webhook_configs entry is url",
        [(ConfigKeys.Receiver, "receiver")] = "a receiver is named with name:; receiver: is used under route: to pick one",
        [(ConfigKeys.Receiver, "type")] = "a receiver has no type; list its integrations, e.g. slack_configs: or webhook_configs:",
        [(ConfigKeys.Route, "name")] = "routes have no name; a route picks a receiver with receiver: <name>",
    };

    private static string? Hint(KeySection section, string key) =>
        (Specific.TryGetValue((section, key), out var specific) ? specific : null)
        ?? ForeignFileHint(section, key)
        ?? RenamedGlobalHint(section, key)
        ?? ElsewhereHint(section, key)
        ?? DidYouMean(section, key);

    private static string? ForeignFileHint(KeySection section, string key)
    {
        if (section == ConfigKeys.Top && PrometheusTop.TryGetValue(key, out var why))
        {
            return $"it belongs in prometheus.yml ({why})";
        }
        if (section == ConfigKeys.Global && PrometheusGlobal.TryGetValue(key, out why))
        {
            return $"it belongs in the global: section of prometheus.yml ({why})";
        }
        if (key == "tracing" && section == ConfigKeys.Global)
        {
            return "tracing: is a top-level section of alertmanager.yml";
        }
        if ((section == ConfigKeys.Top || section == ConfigKeys.Route) && RuleFileKeys.Contains(key))
        {
            return $"{key}: belongs in a rule file (e.g. rules.yml with groups:), and that file is listed under rule_files: in prometheus.yml ({RulesWhy})";
        }
        return null;
    }

    private static string? RenamedGlobalHint(KeySection section, string key)
    {
        if (!GlobalToLocal.TryGetValue(key, out var local) || !section.Keys.Contains(local))
        {
            return null;
        }
        return $"{key} is the global: default; here write {local}, or move {key} under global:";
    }

    private static string? ElsewhereHint(KeySection section, string key)
    {
        var target = section.Children.FirstOrDefault(s => s.Keys.Contains(key))
            ?? ConfigKeys.All.FirstOrDefault(s => s != section && s.Keys.Contains(key));
        if (target is null)
        {
            return null;
        }
        var hint = $"it belongs {target.Under}";
        if (section == ConfigKeys.Receiver && target != ConfigKeys.Receiver)
        {
            hint += $" (a receiver lists its integrations, e.g. slack_configs: [ {{ {key}: ... }} ])";
        }
        return hint;
    }

    private static string? DidYouMean(KeySection section, string key) => KeyAdvice.DidYouMean(section, key);

    /// <summary>Levenshtein distance with neighbour swaps; see <see cref="KeyAdvice.EditDistance"/>.</summary>
    public static int EditDistance(string a, string b) => KeyAdvice.EditDistance(a, b);
}
