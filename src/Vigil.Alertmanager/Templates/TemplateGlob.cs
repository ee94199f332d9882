using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Alertmanager.Templates;

/// <summary>
/// Expands a path glob like Go's <c>filepath.Glob</c>: <c>*</c>, <c>?</c> and <c>[...]</c> within one
/// path component, matches sorted by name, and no error when nothing matches (upstream tolerates
/// template globs that are filled later).
/// </summary>
public static class TemplateGlob
{
    /// <summary>The files matching <paramref name="pattern"/>, sorted.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        if (!HasMeta(pattern))
        {
            return File.Exists(pattern) ? [pattern] : [];
        }
        var root = Path.IsPathRooted(pattern) ? Path.GetPathRoot(pattern)! : "";
        var parts = pattern[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [root.Length > 0 ? root : "."];
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            current = current.SelectMany(dir => Step(dir, parts[i], last)).ToList();
        }
        return current.Select(p => root.Length == 0 && p.StartsWith("./", StringComparison.Ordinal) ? p[2..] : p)
            .Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Step(string dir, string part, bool last)
    {
        if (!HasMeta(part))
        {
            var path = Path.Combine(dir, part);
            return (last ? File.Exists(path) : Directory.Exists(path)) ? [path] : [];
        }
        if (!Directory.Exists(dir))
        {
            return [];
        }
        var regex = ToRegex(part);
        var entries = last ? Directory.EnumerateFiles(dir) : Directory.EnumerateDirectories(dir);
        return entries.Where(e => regex.IsMatch(Path.GetFileName(e)));
    }

    private static bool HasMeta(string text) => text.IndexOfAny(['*', '?', '[']) >= 0;

    private static Regex ToRegex(string part)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            switch (c)
            {
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '[':
                    var end = part.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }
                    var set = part[(i + 1)..end];
                    sb.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set).Replace(@"\-", "-", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < part.Length:
                    sb.Append(Regex.Escape(part[++i].ToString()));
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
