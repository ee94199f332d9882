using Vigil.Config.Loading;

namespace Vigil.Config.Prometheus;

/// <summary>
/// prometheus.yml's explanations for keys written in the wrong place: keys of alertmanager.yml or of a
/// rule file are named as such (the seed's crash loop began with exactly that mix-up), keys of another
/// prometheus.yml section are pointed there, and typos get a did-you-mean.
/// </summary>
internal sealed class PrometheusKeyRules : IKeyRules
{
    public static readonly PrometheusKeyRules Instance = new();

    private const string AlertmanagerWhy = "Alertmanager routes, groups and delivers the alerts; Prometheus only sends them, to the Alertmanagers listed under alerting: alertmanagers:";

    private static readonly HashSet<string> AlertmanagerTop = new(StringComparer.Ordinal)
    {
        "route", "receivers", "inhibit_rules", "templates", "time_intervals", "mute_time_intervals", "receiver",
        "group_by", "group_wait", "group_interval", "repeat_interval", "matchers", "routes", "slack_configs", "webhook_configs",
    };

    private static readonly HashSet<string> AlertmanagerGlobal = new(StringComparer.Ordinal)
    {
        "resolve_timeout", "slack_api_url", "slack_api_url_file", "smtp_smarthost", "smtp_from", "smtp_auth_username",
        "smtp_auth_password", "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key", "http_config",
    };

    private static readonly HashSet<string> RuleFileKeys = new(StringComparer.Ordinal)
    {
        "groups", "rules", "alert", "record", "expr", "for", "keep_firing_for", "annotations",
    };

    private static readonly HashSet<string> SecretNames = new(StringComparer.Ordinal)
    {
        "password", "credentials", "bearer_token", "client_secret", "client_certificate_key",
    };

    private static readonly Dictionary<(KeySection, string), string> Specific = new()
    {
        [(PrometheusKeys.Scrape, "url")] = "write the target as host:port under static_configs: - targets: [...], with scheme: and metrics_path: for the rest of the URL",
        [(PrometheusKeys.Scrape, "address")] = "write the target as host:port under static_configs: - targets: [...]",
        [(PrometheusKeys.Scrape, "job")] = "did you mean job_name?",
        [(PrometheusKeys.Scrape, "interval")] = "did you mean scrape_interval?",
        [(PrometheusKeys.Scrape, "timeout")] = "did you mean scrape_timeout?",
        [(PrometheusKeys.Scrape, "path")] = "did you mean metrics_path?",
        [(PrometheusKeys.Alertmanager, "url")] = "write the Alertmanager as host:port under static_configs: - targets: [...], with scheme: and path_prefix: for the rest of the URL",
        [(PrometheusKeys.Alertmanager, "targets")] = "it belongs inside static_configs: - targets: [...]",
        [(PrometheusKeys.Alerting, "static_configs")] = "it belongs inside an alertmanagers: entry: alertmanagers: [ { static_configs: [...] } ]",
        [(PrometheusKeys.Alerting, "targets")] = "write alertmanagers: - static_configs: - targets: ['host:9093']",
    };

    public (string Message, string? Hint) ExplainUnknownKey(KeySection section, string key, Func<string, int?> emptyKeyLine)
    {
        var message = section == PrometheusKeys.Top ? $"field {key} not allowed in prometheus.yml" : $"field {key} not allowed in {section.Where}";
        return (message, Hint(section, key));
    }

    public bool IsSecret(KeySection section, string key) =>
        SecretNames.Contains(key) || (key == "key" && section == PrometheusKeys.Tls);

    /// <summary>Whether <paramref name="key"/> under <paramref name="parent"/> holds a secret, for masking the raw YAML.</summary>
    public static bool IsSecretKey(string key, string? parent) =>
        SecretNames.Contains(key) || (key == "key" && parent == "tls_config");

    private static string? Hint(KeySection section, string key) =>
        (Specific.TryGetValue((section, key), out var specific) ? specific : null)
        ?? ForeignFileHint(section, key)
        ?? KeyAdvice.DidYouMean(section, key)
        ?? ElsewhereHint(section, key);

    private static string? ForeignFileHint(KeySection section, string key)
    {
        if (section == PrometheusKeys.Global && AlertmanagerGlobal.Contains(key))
        {
            return $"it belongs in the global: section of alertmanager.yml ({AlertmanagerWhy})";
        }
        if (AlertmanagerTop.Contains(key) && section != PrometheusKeys.Scrape)
        {
            return $"it belongs in alertmanager.yml ({AlertmanagerWhy})";
        }
        if (RuleFileKeys.Contains(key) && (section == PrometheusKeys.Top || section == PrometheusKeys.Scrape || section == PrometheusKeys.Global || section == PrometheusKeys.Alerting))
        {
            return $"{key}: belongs in a rule file (e.g. rules.yml starting with groups:); list that file under rule_files: in prometheus.yml";
        }
        return null;
    }

    private static string? ElsewhereHint(KeySection section, string key)
    {
        var target = PrometheusKeys.All.FirstOrDefault(s => s != section && s.Keys.Contains(key));
        return target is null ? null : $"it belongs {target.Under}";
    }
}
