using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>One entry of <c>/api/v1/alerts</c>: what the rule manager holds, pending alerts included.</summary>
public sealed record RuleAlert(string Key, string State, string Annotations, string Value, DateTimeOffset ActiveAt)
{
    /// <summary>The <c>alertname</c> inside <see cref="Key"/>.</summary>
    public bool Named(string name) => Key.Contains($"alertname=\"{name}\"", StringComparison.Ordinal);
}

/// <summary>
/// Both servers' <c>/api/v1/alerts</c> and <c>/api/v1/rules</c> taken at nearly the same moment, compared: the
/// same alerts in the same state (pending ones too, which are never sent), annotations and value strings equal,
/// activeAt within <see cref="AlertChecks.BetweenServers"/>; the same rules with the same query, durations,
/// labels, annotations, state, health and last error.
/// </summary>
public sealed record RuleAlertsSnapshot(
    IReadOnlyDictionary<string, RuleAlert> Vigil,
    IReadOnlyDictionary<string, RuleAlert> Prometheus,
    IReadOnlyList<string> VigilRules,
    IReadOnlyList<string> PrometheusRules)
{
    /// <summary>Alerts whose value is a rate: the two servers scrape at different moments, so it differs in the last digits.</summary>
    private static readonly string[] ValueVaries = ["HighRequestRate"];

    /// <summary>Reads both servers' alerts.</summary>
    public static async Task<RuleAlertsSnapshot> TakeAsync(HttpClient vigil, HttpClient prometheus)
    {
        var ours = ReadAsync(vigil);
        var theirs = ReadAsync(prometheus);
        var ourRules = RuleLines.ReadAsync(vigil, q => q);
        var theirRules = RuleLines.ReadAsync(prometheus, Known242Differences.QueryAsToday);
        return new RuleAlertsSnapshot(await ours, await theirs, await ourRules, await theirRules);
    }

    /// <summary>One line per difference.</summary>
    public IEnumerable<string> Differences(AlertChecks checks)
    {
        foreach (var line in RuleLines.Differences(VigilRules, PrometheusRules))
        {
            yield return line;
        }
        foreach (var key in Prometheus.Keys.Except(Vigil.Keys).Order(StringComparer.Ordinal))
        {
            yield return $"/api/v1/alerts {key}: vigil has no such alert; prometheus has it {Prometheus[key].State}";
        }
        foreach (var key in Vigil.Keys.Except(Prometheus.Keys).Order(StringComparer.Ordinal))
        {
            yield return $"/api/v1/alerts {key}: vigil has it {Vigil[key].State}, prometheus has no such alert";
        }
        foreach (var key in Vigil.Keys.Intersect(Prometheus.Keys).Order(StringComparer.Ordinal))
        {
            var (ours, theirs) = (Vigil[key], Prometheus[key]);
            if (ours.State != theirs.State)
            {
                yield return $"/api/v1/alerts {key}: state: vigil {ours.State}, prometheus {theirs.State}";
            }
            if (ours.Annotations != theirs.Annotations)
            {
                yield return $"/api/v1/alerts {key}: annotations: vigil {ours.Annotations}, prometheus {theirs.Annotations}";
            }
            if (ours.Value != theirs.Value && !ValueVaries.Any(ours.Named))
            {
                yield return $"/api/v1/alerts {key}: value: vigil {ours.Value}, prometheus {theirs.Value}";
            }
            // An alert active since its server's first evaluation (vector(1)) dates from that server's start.
            var sinceStart = ours.ActiveAt < checks.Start && theirs.ActiveAt < checks.Start;
            if (!sinceStart && (ours.ActiveAt - theirs.ActiveAt).Duration() > AlertChecks.BetweenServers)
            {
                yield return $"/api/v1/alerts {key}: activeAt: vigil {checks.At(ours.ActiveAt)}, prometheus {checks.At(theirs.ActiveAt)}";
            }
        }
    }

    /// <summary>Every alert in one line each, for the test output.</summary>
    public IEnumerable<string> Describe(AlertChecks checks) =>
        Prometheus.Values.Select(a => ("prometheus", a)).Concat(Vigil.Values.Select(a => ("vigil", a)))
            .Select(x => $"/api/v1/alerts {x.Item1} {x.a.Key}: {x.a.State} since {checks.At(x.a.ActiveAt)} value {x.a.Value} {x.a.Annotations}");

    private static async Task<IReadOnlyDictionary<string, RuleAlert>> ReadAsync(HttpClient http)
    {
        var body = JsonNode.Parse(await http.GetStringAsync("/api/v1/alerts"))!;
        return body["data"]!["alerts"]!.AsArray().Select(a => Parse(a!.AsObject())).ToDictionary(a => a.Key, StringComparer.Ordinal);
    }

    private static RuleAlert Parse(JsonObject alert) => new(
        SentAlert.Render(Pairs(alert["labels"])),
        (string?)alert["state"] ?? "",
        SentAlert.Render(Pairs(alert["annotations"])),
        (string?)alert["value"] ?? "",
        DateTimeOffset.Parse((string?)alert["activeAt"] ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    private static Dictionary<string, string> Pairs(JsonNode? node) =>
        node?.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal) ?? [];
}
