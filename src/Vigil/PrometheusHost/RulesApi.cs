using System.Globalization;
using System.Text.Json;
using Vigil.Api.Prometheus;
using Vigil.Rules.Evaluation;

namespace Vigil.PrometheusHost;

/// <summary><c>/api/v1/rules</c> and <c>/api/v1/alerts</c> in upstream's JSON shapes.</summary>
public static class RulesApi
{
    /// <summary>
    /// The groups with their rules, their health and (alerting rules) their active alerts, narrowed by
    /// <paramref name="filter"/>; a group left with no rules is not listed, as upstream.
    /// </summary>
    public static ApiResult Rules(IReadOnlyList<RuleGroup> groups, RulesFilter? filter = null)
    {
        filter ??= RulesFilter.None;
        var (page, nextToken) = Page(groups, filter);
        return new ApiResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("groups");
            foreach (var (group, rules) in page)
            {
                WriteGroup(w, group, rules, filter);
            }
            w.WriteEndArray();
            if (nextToken.Length > 0)
            {
                w.WriteString("groupNextToken", nextToken);
            }
            w.WriteEndObject();
        });
    }

    /// <summary>Applies the filters and the page bounds; returns the groups to show and the next page's token.</summary>
    private static (List<(RuleGroup Group, List<IRule> Rules)> Page, string NextToken) Page(IReadOnlyList<RuleGroup> groups, RulesFilter filter)
    {
        var page = new List<(RuleGroup, List<IRule>)>();
        var paging = filter.GroupLimit > 0;
        var started = !paging || filter.NextToken.Length == 0;
        foreach (var group in groups)
        {
            started = started || RulesFilter.TokenOf(group) == filter.NextToken;
            if (!started || !filter.Keeps(group))
            {
                continue;
            }
            var rules = group.Options.Rules.Where(filter.Keeps).ToList();
            if (rules.Count == 0)
            {
                continue;
            }
            if (paging && page.Count == filter.GroupLimit)
            {
                return (page, RulesFilter.TokenOf(group));
            }
            page.Add((group, rules));
        }
        return started ? (page, "") : throw ApiError.InvalidParam("group_next_token", $"invalid group_next_token '{filter.NextToken}'. were rule groups changed?");
    }

    /// <summary>The pending and firing alerts of every alerting rule.</summary>
    public static ApiResult Alerts(IReadOnlyList<RuleGroup> groups) => new(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("alerts");
        foreach (var rule in groups.SelectMany(g => g.Options.Rules).OfType<AlertingRule>())
        {
            WriteAlerts(w, rule.ActiveAlerts);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteGroup(Utf8JsonWriter w, RuleGroup group, IReadOnlyList<IRule> rules, RulesFilter filter)
    {
        w.WriteStartObject();
        w.WriteString("name", group.Options.Name);
        w.WriteString("file", group.Options.File);
        w.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(w, rule, filter.ExcludeAlerts);
        }
        w.WriteEndArray();
        w.WriteNumber("interval", group.Options.Interval.TotalSeconds);
        w.WriteNumber("limit", group.Options.Limit);
        var latest = group.LatestEvaluation;
        w.WriteNumber("evaluationTime", latest.Duration.TotalSeconds);
        w.WriteString("lastEvaluation", Time(latest.Slot));
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, IRule rule, bool excludeAlerts)
    {
        w.WriteStartObject();
        if (rule is AlertingRule alerting)
        {
            // One published view for the state and the list, so they agree with each other.
            var alerts = alerting.ActiveAlerts;
            w.WriteString("state", Alert.StateName(alerts.Count == 0 ? AlertState.Inactive : alerts.Max(a => a.State)));
            w.WriteString("name", alerting.Name);
            w.WriteString("query", alerting.Query);
            w.WriteNumber("duration", alerting.HoldDuration.TotalSeconds);
            w.WriteNumber("keepFiringFor", alerting.KeepFiringFor.TotalSeconds);
            WriteMap(w, "labels", alerting.Labels);
            WriteMap(w, "annotations", alerting.Annotations);
            if (excludeAlerts)
            {
                // Upstream leaves the list nil, which its JSON encoder writes as null.
                w.WriteNull("alerts");
            }
            else
            {
                w.WriteStartArray("alerts");
                WriteAlerts(w, alerts);
                w.WriteEndArray();
            }
        }
        else if (rule is RecordingRule recording)
        {
            w.WriteString("name", recording.Name);
            w.WriteString("query", recording.Query);
            WriteMap(w, "labels", recording.Labels);
        }
        var health = rule.Health.Current;
        w.WriteString("health", health.HealthName);
        if (health.LastError is { Length: > 0 } error)
        {
            w.WriteString("lastError", error);
        }
        w.WriteNumber("evaluationTime", health.EvaluationDuration.TotalSeconds);
        w.WriteString("lastEvaluation", Time(health.LastEvaluation));
        w.WriteString("type", rule is AlertingRule ? "alerting" : "recording");
        w.WriteEndObject();
    }

    /// <summary>The pending and firing ones of a published view (its copies never change, so no further copy is needed).</summary>
    private static void WriteAlerts(Utf8JsonWriter w, IReadOnlyList<Alert> alerts)
    {
        foreach (var alert in alerts.Where(a => a.State != AlertState.Inactive))
        {
            w.WriteStartObject();
            w.WritePropertyName("labels");
            ApiJson.WriteLabels(w, alert.Labels);
            w.WritePropertyName("annotations");
            ApiJson.WriteLabels(w, alert.Annotations);
            w.WriteString("state", Alert.StateName(alert.State));
            w.WriteString("activeAt", Time(alert.ActiveAt));
            // Upstream prints the value in Go's %e form with the shortest precision.
            w.WriteString("value", Vigil.PromQL.Parser.Printer.FormatExponent(alert.Value));
            w.WriteEndObject();
        }
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
    }

    /// <summary>RFC 3339 with trailing zeros trimmed, as Go prints it; never evaluated is Go's zero time.</summary>
    private static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
