using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Writes <c>GET /api/v2/alerts</c> as one sorted line per alert that two implementations can agree
/// on: labels, state, the silences muting it (by the scenario's names, as ids differ between servers) and
/// the alerts inhibiting it (by their labels, resolved from the fingerprints in <c>inhibitedBy</c>).</summary>
public static class AlertStateLines
{
    public static IReadOnlyList<string> From(JsonArray alerts, IReadOnlyDictionary<string, string> silenceNamesById)
    {
        var labelsByFingerprint = alerts.ToDictionary(a => a!["fingerprint"]!.GetValue<string>(), a => Labels(a!["labels"]!.AsObject()));
        var lines = alerts.Select(alert =>
        {
            var status = alert!["status"]!;
            var silencedBy = Names(status["silencedBy"], id => silenceNamesById.GetValueOrDefault(id, "unknown silence " + id));
            var inhibitedBy = Names(status["inhibitedBy"], fp => labelsByFingerprint.GetValueOrDefault(fp, "unknown alert " + fp));
            return $"{labelsByFingerprint[alert["fingerprint"]!.GetValue<string>()]} {status["state"]} " +
                $"silencedBy=[{silencedBy}] inhibitedBy=[{inhibitedBy}]";
        });
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static string Labels(JsonObject labels) =>
        "{" + string.Join(", ", labels.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal)) + "}";

    private static string Names(JsonNode? ids, Func<string, string> name) =>
        ids is JsonArray array ? string.Join("; ", array.Select(id => name(id!.GetValue<string>())).Order(StringComparer.Ordinal)) : "";
}
