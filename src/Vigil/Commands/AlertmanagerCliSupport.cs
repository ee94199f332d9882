using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Cli;
using Vigil.Model.Labels;

namespace Vigil.Commands;

/// <summary>A mistake in a command's input (a bad matcher, an unreadable file); printed as one line, exit 1.</summary>
public sealed class CommandInputException(string message) : Exception(message);

/// <summary>What the API commands (<c>vigil silence/alert ...</c>) share: argument parsing, errors, formatting.</summary>
public static class AlertmanagerCliSupport
{
    /// <summary>
    /// Wraps a command body so the expected failures (server unreachable, an error answer, bad
    /// input) print <c>vigil: error: ...</c> and exit 1 instead of a stack trace.
    /// </summary>
    public static Func<ParsedFlags, CommandIo, Task<int>> Guard(Func<ParsedFlags, CommandIo, Task<int>> body) => async (flags, io) =>
    {
        try
        {
            return await body(flags, io);
        }
        catch (Exception e) when (e is AlertmanagerApiException or CommandInputException)
        {
            await io.Err.WriteLineAsync($"vigil: error: {e.Message}");
            return 1;
        }
    };

    /// <summary>
    /// Parses matcher arguments as amtool does: each is <c>name=value</c>, <c>name!=value</c>,
    /// <c>name=~regex</c> or <c>name!~regex</c> (or a braced list); a first argument without an
    /// operator is the alertname.
    /// </summary>
    public static IReadOnlyList<Matcher> ParseMatchers(IReadOnlyList<string> args)
    {
        var matchers = new List<Matcher>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == 0 && !HasOperator(arg))
            {
                matchers.Add(new Matcher(MatcherType.Equal, "alertname", arg));
                continue;
            }

            try
            {
                matchers.AddRange(MatcherParser.ParseList(arg));
            }
            catch (FormatException e)
            {
                throw new CommandInputException($"bad matcher \"{arg}\": {e.Message}");
            }
        }

        return matchers;
    }

    /// <summary>Parses <c>name=value</c> pairs (labels of an alert, annotations); anything but equality is refused.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParsePairs(IEnumerable<string> args, string what)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var arg in args)
        {
            Matcher matcher;
            try
            {
                matcher = MatcherParser.Parse(arg);
            }
            catch (FormatException e)
            {
                throw new CommandInputException($"bad {what} \"{arg}\": {e.Message}");
            }

            if (matcher.Type != MatcherType.Equal)
            {
                throw new CommandInputException($"bad {what} \"{arg}\": {what}s must be given as name=value");
            }

            pairs.Add(new(matcher.Name, matcher.Value));
        }

        return pairs;
    }

    /// <summary>Reads an RFC 3339 time flag; null when the flag is empty.</summary>
    public static DateTimeOffset? ParseTime(ParsedFlags flags, string name)
    {
        var text = flags.String(name);
        if (text.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw new CommandInputException($"bad --{name} \"{text}\": expected an RFC 3339 time such as 2026-01-02T15:04:05Z");
    }

    /// <summary>An API time field, or null when absent or unparsable.</summary>
    public static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;

    /// <summary>Formats a time for tables: UTC, to the second.</summary>
    public static string Show(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";

    /// <summary>An API time string (RFC 3339 with milliseconds, as both servers write it).</summary>
    public static string ApiTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The labels of an API alert as a label set.</summary>
    public static LabelSet Labels(JsonNode? alert) => alert?["labels"] is JsonObject labels
        ? LabelSet.From(labels.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.GetValue<string>() ?? "")))
        : LabelSet.Empty;

    /// <summary>Matchers of an API silence, rendered as <c>name="value"</c> with their operator.</summary>
    public static string SilenceMatchers(JsonNode? silence)
    {
        var parts = new List<string>();
        foreach (var m in silence?["matchers"]?.AsArray() ?? [])
        {
            var op = (Bool(m?["isEqual"], true), Bool(m?["isRegex"], false)) switch
            {
                (true, false) => "=",
                (false, false) => "!=",
                (true, true) => "=~",
                _ => "!~",
            };
            parts.Add($"{m?["name"]?.GetValue<string>()}{op}\"{m?["value"]?.GetValue<string>()}\"");
        }

        return string.Join(" ", parts);
    }

    /// <summary>A string field of an API object, or "".</summary>
    public static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    /// <summary>Writes rows as left-aligned columns separated by two spaces.</summary>
    public static void WriteTable(TextWriter w, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Count; i++)
            {
                line.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            w.WriteLine(line.ToString().TrimEnd());
        }
    }

    private static bool Bool(JsonNode? node, bool fallback) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    private static bool HasOperator(string arg) => arg.Contains('=', StringComparison.Ordinal) || arg.Contains("!~", StringComparison.Ordinal) || arg.StartsWith('{');
}
