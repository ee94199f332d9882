using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Templating.Functions;

/// <summary>String helpers with Go semantics shared by the function libraries.</summary>
public static class GoText
{
    /// <summary>
    /// Title-cases words as <c>golang.org/x/text/cases.Title</c> does: the first letter of each word
    /// upper-cased, the rest lower-cased unless <paramref name="noLower"/>. Apostrophes, dots and
    /// colons between letters stay inside a word ("o'neil" becomes "O'neil").
    /// </summary>
    public static string Title(string s, bool noLower = false)
    {
        var sb = new StringBuilder(s.Length);
        var inWord = false;
        var runes = s.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            var wordChar = IsWordChar(r) || (inWord && IsMidLetter(r) && i + 1 < runes.Length && Rune.IsLetter(runes[i + 1]));
            if (!wordChar)
            {
                inWord = false;
                sb.Append(r.ToString());
                continue;
            }
            if (!inWord)
            {
                sb.Append(Rune.ToUpperInvariant(r).ToString());
                inWord = true;
                continue;
            }
            sb.Append((noLower ? r : Rune.ToLowerInvariant(r)).ToString());
        }
        return sb.ToString();
    }

    private static bool IsWordChar(Rune r) =>
        Rune.IsLetterOrDigit(r) || r.Value == '_' || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsMidLetter(Rune r) => r.Value is '\'' or '\u2019' or '.' or ':' or '\u00B7';

    /// <summary>Go's <c>strings.TrimSpace</c>.</summary>
    public static string TrimSpace(string s) => s.Trim();

    /// <summary>
    /// Go's <c>Regexp.ReplaceAllString</c>: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c> expand
    /// to submatches (a name is the longest run of letters, digits and underscores, so <c>$1x</c>
    /// means group "1x"), unknown groups expand to nothing, and <c>$$</c> is a literal dollar.
    /// </summary>
    public static string ReplaceAll(Regex regex, string pattern, string text, string replacement)
    {
        var groups = GoGroups(pattern);
        return regex.Replace(text, m => Expand(regex, groups, m, replacement));
    }

    /// <summary>
    /// Go numbers groups by opening parenthesis, named or not; .NET numbers unnamed groups first.
    /// Entry k names the .NET group that Go calls k.
    /// </summary>
    private static List<string> GoGroups(string pattern)
    {
        var groups = new List<string> { "0" };
        var unnamed = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (inClass)
            {
                inClass = c != ']';
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                continue;
            }
            if (c != '(')
            {
                continue;
            }
            if (i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                var rest = pattern.AsSpan(i + 2);
                var skip = rest.StartsWith("P<") ? 2 : rest.StartsWith("<") ? 1 : -1;
                if (skip > 0)
                {
                    var close = rest.IndexOf('>');
                    groups.Add(close > skip ? rest[skip..close].ToString() : "");
                }
                continue;
            }
            groups.Add((++unnamed).ToString(CultureInfo.InvariantCulture));
        }
        return groups;
    }

    private static string Expand(Regex regex, List<string> groups, Match match, string template)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            if (!TryReadName(template, ref i, out var name))
            {
                sb.Append('$');
                continue;
            }
            sb.Append(GroupValue(regex, groups, match, name));
        }
        return sb.ToString();
    }

    private static bool TryReadName(string template, ref int i, out string name)
    {
        name = "";
        var braced = i < template.Length && template[i] == '{';
        var start = braced ? i + 1 : i;
        var end = start;
        while (end < template.Length && (char.IsLetterOrDigit(template[end]) || template[end] == '_'))
        {
            end++;
        }
        if (end == start || (braced && (end >= template.Length || template[end] != '}')))
        {
            return false;
        }
        name = template[start..end];
        i = braced ? end + 1 : end;
        return true;
    }

    private static string GroupValue(Regex regex, List<string> groups, Match match, string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number >= groups.Count)
            {
                return "";
            }
            name = groups[number];
        }
        return regex.GroupNumberFromName(name) >= 0 ? match.Groups[name].Value : "";
    }
}
