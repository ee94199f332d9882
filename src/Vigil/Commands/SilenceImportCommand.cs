using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Cli;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil silence import [FILE]</c>: creates the silences of a JSON array as printed by
/// <c>vigil silence query --output=json</c> or <c>amtool silence query -o json</c> (stdin when no
/// file or <c>-</c>). As amtool: an id the server does not know is created anew, <c>--force</c>
/// always creates new ones. Unlike amtool, expired silences are skipped with a note rather than
/// sent to fail, and a summary says how many were imported.
/// </summary>
public static class SilenceImportCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = Create(AlertmanagerApiClient.Connect, TimeProvider.System, () => Console.In);

    /// <summary>Builds the entry over a client factory, clock and stdin (tests pass fakes).</summary>
    public static Command Create(Func<ParsedFlags, AlertmanagerApiClient> connect, TimeProvider time, Func<TextReader> stdin) => new(
        "silence import",
        "Import silences from a JSON file (the output of silence query --output=json) or stdin.",
        [
            .. AlertmanagerApiClient.Flags,
            FlagSpec.Switch("force", "Always create new silences, ignoring the ids in the file."),
        ],
        Guard((flags, io) => RunAsync(flags, io, connect, time, stdin)))
    {
        ArgsUsage = "[<input-file>]",
    };

    private static async Task<int> RunAsync(ParsedFlags flags, CommandIo io, Func<ParsedFlags, AlertmanagerApiClient> connect, TimeProvider time, Func<TextReader> stdin)
    {
        var file = flags.Arguments.Count > 0 ? flags.Arguments[0] : "-";
        var silences = Parse(file == "-" ? await stdin().ReadToEndAsync(io.Cancel) : ReadFile(file), file);
        var client = connect(flags);
        var now = time.GetUtcNow();
        int imported = 0, skipped = 0, failed = 0;
        foreach (var (silence, index) in silences.Select((s, i) => (s, i)))
        {
            var id = Text(silence["id"]);
            if (AlertmanagerCliSupport.Time(silence["endsAt"]) is { } end && end <= now)
            {
                await io.Err.WriteLineAsync($"skipped silence {Describe(id, index)}: it ended at {Show(end)}");
                skipped++;
                continue;
            }

            try
            {
                await io.Out.WriteLineAsync(await ImportOneAsync(client, silence, flags.Bool("force"), io.Cancel));
                imported++;
            }
            catch (AlertmanagerApiException e) when (e.Status != 0)
            {
                await io.Err.WriteLineAsync($"vigil: error: silence {Describe(id, index)}: {e.Message}");
                failed++;
            }
        }

        await io.Err.WriteLineAsync($"imported {imported} of {silences.Count} silences ({skipped} expired skipped, {failed} failed)");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<string> ImportOneAsync(AlertmanagerApiClient client, JsonObject silence, bool force, CancellationToken ct)
    {
        var postable = new JsonObject();
        foreach (var name in (string[])["id", "matchers", "startsAt", "endsAt", "createdBy", "comment", "annotations"])
        {
            if (silence[name] is { } value && !(name == "id" && force))
            {
                postable[name] = value.DeepClone();
            }
        }

        try
        {
            return await client.PostSilenceAsync(postable, ct);
        }
        catch (AlertmanagerApiException e) when (e.Status == 404 && postable.ContainsKey("id"))
        {
            // The id belongs to another server: create it here under a new id.
            postable.Remove("id");
            return await client.PostSilenceAsync(postable, ct);
        }
    }

    private static string ReadFile(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandInputException($"cannot read {file}: {e.Message}");
        }
    }

    private static List<JsonObject> Parse(string text, string file)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CommandInputException($"{file}: not JSON: {e.Message}");
        }

        if (root is not JsonArray array)
        {
            throw new CommandInputException($"{file}: expected a JSON array of silences (the output of silence query --output=json)");
        }

        var silences = new List<JsonObject>();
        for (var i = 0; i < array.Count; i++)
        {
            silences.Add(array[i] as JsonObject ?? throw new CommandInputException($"{file}: element {i} is not a silence object"));
        }

        return silences;
    }

    private static string Describe(string id, int index) => id.Length > 0 ? $"id={id}" : $"#{index}";
}
