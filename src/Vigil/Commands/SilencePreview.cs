using System.Text.Json.Nodes;
using Vigil.Model.Labels;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary>
/// What amtool cannot tell you before you press enter: which of the alerts firing now a new
/// silence would mute, what state each is in, and which receivers it is routed to. A silence that
/// matches far more (or nothing) than intended shows up here before it is created.
/// </summary>
public static class SilencePreview
{
    /// <summary>The alerts among <paramref name="alerts"/> whose labels every matcher accepts.</summary>
    public static IReadOnlyList<JsonNode> Muted(IReadOnlyList<Matcher> matchers, JsonArray alerts)
    {
        var muted = new List<JsonNode>();
        foreach (var alert in alerts)
        {
            if (alert is null)
            {
                continue;
            }

            var labels = Labels(alert);
            if (matchers.All(m => m.Matches(labels)))
            {
                muted.Add(alert);
            }
        }

        return muted;
    }

    /// <summary>Writes the preview: a count, then one row per muted alert.</summary>
    public static void Write(TextWriter w, IReadOnlyList<JsonNode> muted, int total, DateTimeOffset startsAt, DateTimeOffset now)
    {
        if (startsAt > now)
        {
            w.WriteLine($"The silence starts at {Show(startsAt)}; of the alerts current now:");
        }

        if (muted.Count == 0)
        {
            w.WriteLine($"It would mute none of the {total} current alerts (it still applies to matching alerts that fire later).");
            return;
        }

        w.WriteLine($"It would mute {muted.Count} of {total} current alerts:");
        var rows = muted
            .Select(a => (IReadOnlyList<string>)[Labels(a).ToString(), State(a), Receivers(a)])
            .OrderBy(r => r[0], StringComparer.Ordinal);
        WriteTable(w, ["LABELS", "STATE", "RECEIVERS"], rows);
    }

    /// <summary>The alert's state as the server reports it, with how many silences/inhibitions already hold it.</summary>
    public static string State(JsonNode alert)
    {
        var status = alert["status"];
        var state = Text(status?["state"]);
        var silenced = status?["silencedBy"]?.AsArray().Count ?? 0;
        var inhibited = status?["inhibitedBy"]?.AsArray().Count ?? 0;
        var why = new List<string>();
        if (silenced > 0)
        {
            why.Add($"silenced by {silenced}");
        }

        if (inhibited > 0)
        {
            why.Add($"inhibited by {inhibited}");
        }

        return why.Count == 0 ? state : $"{state} ({string.Join(", ", why)})";
    }

    /// <summary>The receivers the server routed the alert to, comma-separated.</summary>
    public static string Receivers(JsonNode alert) =>
        string.Join(",", (alert["receivers"]?.AsArray() ?? []).Select(r => Text(r?["name"])));
}
