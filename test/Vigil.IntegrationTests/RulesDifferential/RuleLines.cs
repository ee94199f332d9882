using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// <c>/api/v1/rules</c> reduced to one line per rule with the fields both servers must agree on (not timings):
/// group, type, name, query, for, keep_firing_for, labels, annotations, state, health and last error.
/// </summary>
public static class RuleLines
{
    /// <summary>The lines of one server, in group and rule order; <paramref name="query"/> rewrites each query.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(HttpClient http, Func<string, string> query)
    {
        var body = JsonNode.Parse(await http.GetStringAsync("/api/v1/rules"))!;
        return
        [
            .. body["data"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray().Select(r => Line((string?)g["name"] ?? "", r!.AsObject(), query))),
        ];
    }

    /// <summary>One line per rule that differs (or exists on one side only).</summary>
    public static IEnumerable<string> Differences(IReadOnlyList<string> vigil, IReadOnlyList<string> prometheus)
    {
        var count = Math.Max(vigil.Count, prometheus.Count);
        for (var i = 0; i < count; i++)
        {
            var ours = i < vigil.Count ? vigil[i] : "(none)";
            var theirs = i < prometheus.Count ? prometheus[i] : "(none)";
            if (ours != theirs)
            {
                yield return $"/api/v1/rules rule {i + 1}: vigil {ours}, prometheus {theirs}";
            }
        }
    }

    private static string Line(string group, JsonObject rule, Func<string, string> query)
    {
        var fields = new List<string>
        {
            group,
            (string?)rule["type"] ?? "",
            (string?)rule["name"] ?? "",
            "query=" + query((string?)rule["query"] ?? ""),
            "labels=" + Render(rule["labels"]),
            "health=" + (string?)rule["health"],
            "lastError=" + (string?)rule["lastError"],
        };
        if ((string?)rule["type"] == "alerting")
        {
            fields.Add("for=" + rule["duration"]?.ToJsonString());
            fields.Add("keepFiringFor=" + rule["keepFiringFor"]?.ToJsonString());
            fields.Add("annotations=" + Render(rule["annotations"]));
            fields.Add("state=" + (string?)rule["state"]);
        }
        return string.Join(" ", fields);
    }

    private static string Render(JsonNode? pairs) =>
        pairs is JsonObject obj ? SentAlert.Render(obj.ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal)) : "{}";
}
