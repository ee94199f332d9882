using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Vigil.Model.Labels;

/// <summary>
/// Compiles Go RE2 patterns to .NET regexes. We use the non-backtracking engine: like RE2 it runs
/// in linear time, so a hostile pattern from an API body cannot stall the process.
/// </summary>
public static class GoRegex
{
    private const int MaxCached = 4096;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="pattern"/> anchored at both ends; throws <see cref="FormatException"/> with the reason when invalid.</summary>
    public static Regex CompileAnchored(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }
        var regex = Compile("^(?:" + pattern + ")\\z", pattern);
        if (Cache.Count < MaxCached)
        {
            Cache[pattern] = regex;
        }
        return regex;
    }

    /// <summary>Compiles an unanchored pattern (template functions such as <c>match</c>, <c>reReplaceAll</c>).</summary>
    public static Regex Compile(string pattern) => Compile(pattern, pattern);

    private static Regex Compile(string translated, string original)
    {
        try
        {
            return new Regex(Translate(translated), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FormatException($"invalid regular expression {GoString.Quote(original)}: {Reason(e)}", e);
        }
    }

    /// <summary>Rewrites the RE2 spellings that .NET does not know.</summary>
    private static string Translate(string pattern) => pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);

    private static string Reason(Exception e) => e is RegexParseException p ? p.Error.ToString() + " at offset " + p.Offset : e.Message;
}
