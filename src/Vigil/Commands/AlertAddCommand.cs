using System.Text.Json.Nodes;
using Vigil.Cli;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil alert add LABEL=VALUE...</c>: posts one alert, as amtool's <c>alert add</c> (a first
/// argument without <c>=</c> is the alertname). Useful to try routes, silences and receivers end to end.
/// </summary>
public static class AlertAddCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = Create(AlertmanagerApiClient.Connect);

    /// <summary>Builds the entry over a client factory (tests pass a fake).</summary>
    public static Command Create(Func<ParsedFlags, AlertmanagerApiClient> connect) => new(
        "alert add",
        "Add an alert (labels as name=value).",
        [
            .. AlertmanagerApiClient.Flags,
            FlagSpec.Many("annotation", "An annotation name=value (repeatable)."),
            FlagSpec.Str("start", "When the alert started, RFC 3339 (default: the server's now)."),
            FlagSpec.Str("end", "When the alert ends, RFC 3339 (default: the server's resolve timeout)."),
            FlagSpec.Str("generator-url", "The URL of the source that generated the alert."),
        ],
        Guard((flags, io) => RunAsync(flags, io, connect)))
    {
        ArgsUsage = "<labels>...",
    };

    private static async Task<int> RunAsync(ParsedFlags flags, CommandIo io, Func<ParsedFlags, AlertmanagerApiClient> connect)
    {
        var args = flags.Arguments.ToList();
        if (args.Count == 0)
        {
            throw new CommandInputException("no labels given: an alert needs at least one, e.g. vigil alert add alertname=Foo");
        }

        if (!args[0].Contains('=', StringComparison.Ordinal))
        {
            args[0] = "alertname=" + args[0];
        }

        var alert = new JsonObject { ["labels"] = Object(ParsePairs(args, "label")) };
        var annotations = ParsePairs(flags.Strings("annotation"), "annotation");
        if (annotations.Count > 0)
        {
            alert["annotations"] = Object(annotations);
        }

        if (ParseTime(flags, "start") is { } start)
        {
            alert["startsAt"] = ApiTime(start);
        }

        if (ParseTime(flags, "end") is { } end)
        {
            alert["endsAt"] = ApiTime(end);
        }

        if (flags.String("generator-url") is { Length: > 0 } url)
        {
            alert["generatorURL"] = url;
        }

        await connect(flags).PostAlertsAsync([alert], io.Cancel);
        return 0;
    }

    private static JsonObject Object(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value)));
}
