using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Cli;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil alert query [MATCHER...]</c>: amtool's selection flags, and for suppressed alerts the
/// silences (comment and author) and inhibiting alerts (their labels) by name, not by opaque id.
/// </summary>
public static class AlertQueryCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = Create(AlertmanagerApiClient.Connect);

    /// <summary>Builds the entry over a client factory (tests pass a fake).</summary>
    public static Command Create(Func<ParsedFlags, AlertmanagerApiClient> connect) => new(
        "alert query",
        "List alerts with their state and what silences or inhibits them. Default: active alerts only.",
        [
            .. AlertmanagerApiClient.Flags,
            FlagSpec.Switch("active", "Show active alerts."),
            FlagSpec.Switch("silenced", "Show silenced alerts."),
            FlagSpec.Switch("inhibited", "Show inhibited alerts."),
            FlagSpec.Switch("unprocessed", "Show unprocessed alerts."),
            FlagSpec.Str("output", "Output format: simple or json.", "simple"),
        ],
        Guard((flags, io) => RunAsync(flags, io, connect)))
    {
        ArgsUsage = "[<matcher>...]",
    };

    private static async Task<int> RunAsync(ParsedFlags flags, CommandIo io, Func<ParsedFlags, AlertmanagerApiClient> connect)
    {
        var output = flags.String("output");
        if (output is not ("simple" or "json"))
        {
            throw new UsageException($"invalid value \"{output}\" for flag '--output': expected simple or json");
        }

        var filter = ParseMatchers(flags.Arguments).Select(m => m.ToString()).ToList();
        var client = connect(flags);
        var alerts = await client.GetAlertsAsync(filter, Selection(flags), io.Cancel);
        if (output == "json")
        {
            await io.Out.WriteLineAsync(alerts.ToJsonString(Indented));
            return 0;
        }

        var names = await SuppressorNames.LoadAsync(client, alerts, io.Cancel);
        var rows = alerts.Where(a => a is not null).Select(a => (IReadOnlyList<string>)
        [
            Text(a!["labels"]?["alertname"]),
            Show(AlertmanagerCliSupport.Time(a["startsAt"])),
            Text(a["annotations"]?["summary"]),
            Text(a["status"]?["state"]),
            names.Describe(a),
        ]);
        WriteTable(io.Out, ["ALERTNAME", "STARTS AT", "SUMMARY", "STATE", "SUPPRESSED BY"], rows);
        return 0;
    }

    // As amtool: no selection flag means active alerts only.
    private static AlertStates Selection(ParsedFlags flags)
    {
        var states = new AlertStates(flags.Bool("active"), flags.Bool("silenced"), flags.Bool("inhibited"), flags.Bool("unprocessed"));
        return states is { Active: false, Silenced: false, Inhibited: false, Unprocessed: false } ? states with { Active = true } : states;
    }

    /// <summary>Resolves silence ids and inhibiting fingerprints to something a person recognises.</summary>
    private sealed class SuppressorNames(Dictionary<string, string> silences, Dictionary<string, string> alerts)
    {
        public static async Task<SuppressorNames> LoadAsync(AlertmanagerApiClient client, JsonArray shown, CancellationToken ct)
        {
            var suppressed = shown.Any(a => (a?["status"]?["silencedBy"]?.AsArray().Count ?? 0) + (a?["status"]?["inhibitedBy"]?.AsArray().Count ?? 0) > 0);
            if (!suppressed)
            {
                return new([], []);
            }

            var silences = (await client.GetSilencesAsync([], ct))
                .ToDictionary(s => Text(s?["id"]), s => $"silence \"{Text(s?["comment"])}\" by {Text(s?["createdBy"])}", StringComparer.Ordinal);
            var alerts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in await client.GetAlertsAsync([], AlertStates.All, ct))
            {
                alerts[Text(a?["fingerprint"])] = "alert " + Labels(a);
            }

            return new(silences, alerts);
        }

        public string Describe(JsonNode alert)
        {
            var parts = new List<string>();
            foreach (var id in alert["status"]?["silencedBy"]?.AsArray() ?? [])
            {
                parts.Add(silences.GetValueOrDefault(Text(id)) ?? $"silence {Text(id)}");
            }

            foreach (var fp in alert["status"]?["inhibitedBy"]?.AsArray() ?? [])
            {
                parts.Add(alerts.GetValueOrDefault(Text(fp)) ?? $"alert {Text(fp)}");
            }

            return parts.Count == 0 ? "-" : string.Join("; ", parts);
        }
    }
}
