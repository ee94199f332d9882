using System.Text.Json.Nodes;
using Vigil.Cli;
using Vigil.Model.Labels;
using Vigil.Model.Time;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil silence add MATCHER...</c>: amtool's <c>silence add</c> plus a preview of the current
/// alerts the silence would mute (on stderr, so the id stays alone on stdout for scripts), and
/// <c>--dry-run</c> to see the preview without creating anything.
/// </summary>
public static class SilenceAddCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = Create(AlertmanagerApiClient.Connect, TimeProvider.System);

    /// <summary>Builds the entry over a client factory and clock (tests pass fakes).</summary>
    public static Command Create(Func<ParsedFlags, AlertmanagerApiClient> connect, TimeProvider time) => new(
        "silence add",
        "Add a silence; first shows which current alerts it would mute.",
        [
            .. AlertmanagerApiClient.Flags,
            FlagSpec.Str("author", "Username for the createdBy field.", Environment.UserName),
            FlagSpec.Str("duration", "Duration of the silence (ignored when --end is given).", "1h"),
            FlagSpec.Str("start", "When the silence starts, RFC 3339 (default: now)."),
            FlagSpec.Str("end", "When the silence ends, RFC 3339 (overrides --duration)."),
            FlagSpec.Str("comment", "Why the silence exists (required)."),
            FlagSpec.Many("annotation", "An annotation name=value stored with the silence (repeatable)."),
            FlagSpec.Switch("dry-run", "Only show which current alerts would be muted; create nothing."),
            FlagSpec.Switch("require-comment", "Refuse a silence without a comment.", def: true) with { Hidden = true },
        ],
        Guard((flags, io) => RunAsync(flags, io, connect, time)))
    {
        ArgsUsage = "<matcher>...",
    };

    private static async Task<int> RunAsync(ParsedFlags flags, CommandIo io, Func<ParsedFlags, AlertmanagerApiClient> connect, TimeProvider time)
    {
        var matchers = ParseMatchers(flags.Arguments);
        if (matchers.Count == 0)
        {
            throw new CommandInputException("no matchers given: a silence needs at least one, e.g. vigil silence add alertname=Foo");
        }

        var now = time.GetUtcNow();
        var (startsAt, endsAt) = Period(flags, now);
        var dryRun = flags.Bool("dry-run");
        if (!dryRun && flags.Bool("require-comment") && flags.String("comment").Length == 0)
        {
            throw new CommandInputException("--comment is required: say why the alerts are silenced");
        }

        var client = connect(flags);
        var alerts = await client.GetAlertsAsync([], AlertStates.All, io.Cancel);
        var preview = dryRun ? io.Out : io.Err;
        SilencePreview.Write(preview, SilencePreview.Muted(matchers, alerts), alerts.Count, startsAt, now);
        if (dryRun)
        {
            return 0;
        }

        var silence = new JsonObject
        {
            ["matchers"] = new JsonArray([.. matchers.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name,
                ["value"] = m.Value,
                ["isRegex"] = m.Type.IsRegex(),
                ["isEqual"] = !m.Type.IsNegative(),
            })]),
            ["startsAt"] = ApiTime(startsAt),
            ["endsAt"] = ApiTime(endsAt),
            ["createdBy"] = flags.String("author"),
            ["comment"] = flags.String("comment"),
        };
        var annotations = ParsePairs(flags.Strings("annotation"), "annotation");
        if (annotations.Count > 0)
        {
            silence["annotations"] = new JsonObject(annotations.Select(a => new KeyValuePair<string, JsonNode?>(a.Key, a.Value)));
        }

        await io.Out.WriteLineAsync(await client.PostSilenceAsync(silence, io.Cancel));
        return 0;
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Period(ParsedFlags flags, DateTimeOffset now)
    {
        var start = ParseTime(flags, "start") ?? now;
        DateTimeOffset end;
        if (ParseTime(flags, "end") is { } explicitEnd)
        {
            end = explicitEnd;
        }
        else
        {
            if (!PromDuration.TryParse(flags.String("duration"), out var duration, out var error))
            {
                throw new CommandInputException($"bad --duration \"{flags.String("duration")}\": {error}");
            }

            if (duration <= TimeSpan.Zero)
            {
                throw new CommandInputException("--duration must be greater than 0");
            }

            end = start + duration;
        }

        return start > end ? throw new CommandInputException($"the silence would end ({Show(end)}) before it starts ({Show(start)})") : (start, end);
    }
}
