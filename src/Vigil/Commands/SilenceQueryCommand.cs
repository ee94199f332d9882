using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Cli;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil silence query [--expired] [MATCHER...]</c>: amtool's listing, plus the number of
/// current alerts each silence is muting right now (a silence muting nothing may be stale or
/// mistyped). <c>--output=json</c> prints the API's silences, which <c>silence import</c> reads.
/// </summary>
public static class SilenceQueryCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = Create(AlertmanagerApiClient.Connect);

    /// <summary>Builds the entry over a client factory (tests pass a fake).</summary>
    public static Command Create(Func<ParsedFlags, AlertmanagerApiClient> connect) => new(
        "silence query",
        "List silences (active and pending; expired ones with --expired), with how many alerts each mutes now.",
        [
            .. AlertmanagerApiClient.Flags,
            FlagSpec.Switch("expired", "Show expired silences instead of active and pending ones."),
            FlagSpec.Switch("quiet", "Print only the silence ids."),
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
        var expired = flags.Bool("expired");
        var silences = (await client.GetSilencesAsync(filter, io.Cancel))
            .Where(s => (Text(s?["status"]?["state"]) == "expired") == expired)
            .OrderBy(s => AlertmanagerCliSupport.Time(s?["endsAt"]))
            .ToList();
        if (flags.Bool("quiet"))
        {
            foreach (var s in silences)
            {
                await io.Out.WriteLineAsync(Text(s?["id"]));
            }

            return 0;
        }

        if (output == "json")
        {
            await io.Out.WriteLineAsync(new JsonArray([.. silences.Select(s => s?.DeepClone())]).ToJsonString(Indented));
            return 0;
        }

        var muting = expired ? [] : await MutingCountsAsync(client, io.Cancel);
        var rows = silences.Select(s => (IReadOnlyList<string>)
        [
            Text(s?["id"]),
            SilenceMatchers(s),
            Text(s?["status"]?["state"]),
            expired ? "-" : muting.GetValueOrDefault(Text(s?["id"])).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Show(AlertmanagerCliSupport.Time(s?["endsAt"])),
            Text(s?["createdBy"]),
            Text(s?["comment"]),
        ]);
        WriteTable(io.Out, ["ID", "MATCHERS", "STATE", "MUTING", "ENDS AT", "CREATED BY", "COMMENT"], rows);
        return 0;
    }

    // silencedBy on the current alerts says which silences are doing work right now.
    private static async Task<Dictionary<string, int>> MutingCountsAsync(AlertmanagerApiClient client, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alert in await client.GetAlertsAsync([], AlertStates.All, ct))
        {
            foreach (var id in alert?["status"]?["silencedBy"]?.AsArray() ?? [])
            {
                var key = Text(id);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }
}
