using Vigil.Config.Loading;

namespace Vigil.Rules.RuleFiles;

/// <summary>The keys each mapping of a rule file accepts, and how misplaced keys are explained.</summary>
internal sealed class RuleFileKeys : IKeyRules
{
    public static readonly RuleFileKeys Instance = new();

    public static readonly KeySection Top = new("a rule file", "at the top of the rule file", "groups");

    public static readonly KeySection Group = new("a groups entry", "inside a groups: entry",
        "name", "interval", "limit", "query_offset", "labels", "rules");

    public static readonly KeySection Rule = new("a rules entry", "inside a rules: entry",
        "record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations");

    private const string ServerWhy = "it configures the Prometheus server; a rule file holds only groups:";

    private static readonly Dictionary<string, string> PrometheusKeys = new(StringComparer.Ordinal)
    {
        ["global"] = ServerWhy, ["scrape_configs"] = ServerWhy, ["rule_files"] = ServerWhy,
        ["alerting"] = ServerWhy, ["remote_write"] = ServerWhy, ["remote_read"] = ServerWhy,
        ["storage"] = ServerWhy, ["scrape_config_files"] = ServerWhy, ["tracing"] = ServerWhy,
        ["evaluation_interval"] = "the default rule interval is global: evaluation_interval in prometheus.yml; a group sets its own with interval:",
    };

    private static readonly HashSet<string> AlertmanagerKeys = new(StringComparer.Ordinal)
    {
        "route", "receivers", "inhibit_rules", "templates", "time_intervals", "mute_time_intervals",
        "receiver", "group_by", "group_wait", "group_interval", "repeat_interval", "matchers", "routes",
    };

    public (string Message, string? Hint) ExplainUnknownKey(KeySection section, string key, Func<string, int?> emptyKeyLine)
    {
        var message = $"field {key} not allowed in {section.Where}";
        return (message, Hint(section, key));
    }

    /// <summary>Rule files hold no secrets.</summary>
    public bool IsSecret(KeySection section, string key) => false;

    private static string? Hint(KeySection section, string key)
    {
        if (AlertmanagerKeys.Contains(key))
        {
            return $"it belongs in alertmanager.yml: Alertmanager routes and delivers the alerts these rules make (a rule only sets labels such as severity that routes match on)";
        }
        if (PrometheusKeys.TryGetValue(key, out var why))
        {
            return $"it belongs in prometheus.yml ({why})";
        }
        if (section == Top && (Group.Keys.Contains(key) || Rule.Keys.Contains(key)))
        {
            return "a rule file starts with groups:, a list of groups each with name: and rules: (a list of rules with alert: or record: and expr:)";
        }
        if (section == Group && Rule.Keys.Contains(key) && key is not ("labels"))
        {
            return $"{key}: belongs to a rule: write it inside a list entry under rules:";
        }
        if (section == Rule && key is "summary" or "description" or "runbook_url" or "message")
        {
            return $"it belongs under annotations: of the rule";
        }
        if (section == Rule && key is "severity" or "team" or "service" or "priority")
        {
            return $"it belongs under labels: of the rule";
        }
        if (section == Rule && key is "name" or "interval" or "limit" or "query_offset" or "rules")
        {
            return $"{key}: belongs to the group (the groups: entry), not to a rule";
        }
        return KeyAdvice.DidYouMean(section, key);
    }
}
