using System.Text;
using System.Text.RegularExpressions;
using Vigil.Model.Labels;

namespace Vigil.Model.Relabel;

/// <summary>
/// A relabel regex as upstream compiles it: fully anchored, with <c>.</c> matching newlines, and
/// capture groups numbered like Go (by opening parenthesis, named or not). .NET numbers named
/// groups after the unnamed ones, so we strip the names before compiling and keep them aside;
/// <see cref="Expand"/> then resolves <c>$name</c> through that list.
/// </summary>
public sealed class RelabelRegex
{
    private readonly Regex _regex;
    private readonly string?[] _groupNames;

    private RelabelRegex(Regex regex, string?[] groupNames)
    {
        _regex = regex;
        _groupNames = groupNames;
    }

    /// <summary>The pattern as written in the config.</summary>
    public required string Pattern { get; init; }

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="FormatException"/> naming the pattern when invalid.</summary>
    public static RelabelRegex Compile(string pattern)
    {
        var (unnamed, names) = StripGroupNames(pattern);
        Regex regex;
        try
        {
            regex = GoRegex.CompileAnchored("(?s:" + unnamed + ")");
        }
        catch (FormatException e)
        {
            throw new FormatException($"invalid regular expression {GoString.Quote(pattern)}: {e.InnerException?.Message ?? e.Message}", e);
        }
        return new RelabelRegex(regex, names) { Pattern = pattern };
    }

    /// <summary>Whether the whole of <paramref name="input"/> matches.</summary>
    public bool IsMatch(string input) => _regex.IsMatch(input);

    /// <summary>Matches the whole of <paramref name="input"/>; null when it does not match.</summary>
    public Match? Match(string input)
    {
        var m = _regex.Match(input);
        return m.Success ? m : null;
    }

    /// <summary>
    /// Expands <paramref name="template"/> as Go's <c>Regexp.Expand</c>: <c>$1</c>, <c>${1}</c>, <c>$name</c>,
    /// <c>${name}</c>, <c>$$</c> for a dollar; a name takes every letter, digit and underscore that follows
    /// (so <c>$1x</c> means the group called <c>1x</c>, which expands to nothing); a malformed reference
    /// stays as literal text.
    /// </summary>
    public string Expand(string template, Match match)
    {
        if (!template.Contains('$', StringComparison.Ordinal))
        {
            return template;
        }
        var sb = new StringBuilder(template.Length + 16);
        var rest = template.AsSpan();
        while (true)
        {
            var dollar = rest.IndexOf('$');
            if (dollar < 0)
            {
                break;
            }
            sb.Append(rest[..dollar]);
            rest = rest[(dollar + 1)..];
            if (!rest.IsEmpty && rest[0] == '$')
            {
                sb.Append('$');
                rest = rest[1..];
                continue;
            }
            if (!TemplateReference.TryRead(rest, out var name, out var number, out var consumed))
            {
                sb.Append('$');
                continue;
            }
            rest = rest[consumed..];
            AppendGroup(sb, match, number >= 0 ? number : IndexOfName(name));
        }
        return sb.Append(rest).ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;

    private int IndexOfName(ReadOnlySpan<char> name)
    {
        for (var i = 1; i < _groupNames.Length; i++)
        {
            if (_groupNames[i] is { } n && name.SequenceEqual(n))
            {
                return i;
            }
        }
        return -1;
    }

    private static void AppendGroup(StringBuilder sb, Match match, int index)
    {
        if (index >= 0 && index < match.Groups.Count && match.Groups[index].Success)
        {
            sb.Append(match.Groups[index].ValueSpan);
        }
    }

    /// <summary>
    /// Rewrites <c>(?P&lt;n&gt;</c> and <c>(?&lt;n&gt;</c> to plain <c>(</c>; returns the names by Go group number
    /// (index 0 is the whole match). Escapes and character classes are copied untouched.
    /// </summary>
    private static (string Pattern, string?[] Names) StripGroupNames(string pattern)
    {
        var sb = new StringBuilder(pattern.Length);
        var names = new List<string?> { null };
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(c).Append(pattern[++i]);
            }
            else if (c == '[')
            {
                i = CopyClass(pattern, i, sb);
            }
            else if (c == '(')
            {
                i = CopyGroupOpening(pattern, i, sb, names);
            }
            else
            {
                sb.Append(c);
            }
        }
        return (sb.ToString(), names.ToArray());
    }

    private static int CopyGroupOpening(string pattern, int i, StringBuilder sb, List<string?> names)
    {
        sb.Append('(');
        var rest = pattern.AsSpan(i + 1);
        if (!rest.StartsWith("?"))
        {
            names.Add(null);
            return i;
        }
        var nameStart = rest.StartsWith("?P<") ? 3 : rest.StartsWith("?<") && rest.Length > 2 && rest[2] is not ('=' or '!') ? 2 : -1;
        var close = nameStart < 0 ? -1 : rest[nameStart..].IndexOf('>');
        if (close < 0)
        {
            return i; // a non-capturing group or flags: copied as written
        }
        names.Add(rest.Slice(nameStart, close).ToString());
        return i + nameStart + close + 1;
    }

    /// <summary>Copies a character class; a <c>]</c> right after <c>[</c> or <c>[^</c> is literal, as in RE2.</summary>
    private static int CopyClass(string pattern, int i, StringBuilder sb)
    {
        var start = i;
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }
        while (i < pattern.Length && pattern[i] != ']')
        {
            i += pattern[i] == '\\' ? 2 : 1;
        }
        var end = Math.Min(i, pattern.Length - 1);
        sb.Append(pattern, start, end - start + 1);
        return end;
    }
}
