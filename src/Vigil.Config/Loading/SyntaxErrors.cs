using YamlDotNet.Core;

namespace Vigil.Config.Loading;

/// <summary>Rephrases YamlDotNet's parser messages plainly, with the usual cause in a config file.</summary>
public static class SyntaxErrors
{
    private static readonly (string Fragment, string Message, string Hint)[] Known =
    [
        ("Duplicate key", "this key appears twice in the same mapping", "YAML keeps only one of them; remove or merge the duplicate"),
        ("cannot be found", "a value starting with '*' is read as a YAML alias (a reference to an '&anchor')", "quote the value, e.g. text: '*Description:* {{ ... }}'"),
        ("alias", "a value starting with '*' is read as a YAML alias (a reference to an '&anchor')", "quote the value, e.g. text: '*Description:* {{ ... }}'"),
        ("anchor", "a value starting with '&' is read as a YAML anchor", "quote the value"),
        ("Mapping values are not allowed", "unexpected ':' — a value contains ': ' or a key is indented wrongly", "quote values that contain ': ', and indent nested keys consistently with spaces"),
        ("found unexpected end of stream", "a quoted value is not closed before the end of the file", "check for a missing closing quote"),
        ("found unknown escape character", "unknown escape sequence in a double-quoted value", "use single quotes for regexes and Windows paths, or double the backslash"),
        ("did not find expected key", "a line is not aligned with the keys around it", "check the indentation (spaces only) and any unbalanced quote or bracket on this or the previous line"),
        ("did not find expected '-' indicator", "a list entry is not aligned with the entries around it", "start every entry of a list with '- ' at the same indentation"),
        ("did not find expected ',' or", "an inline list or mapping ([...] or {...}) is not closed or is missing a comma", "check the brackets and commas"),
        ("character that cannot start any token", "a character that cannot start a value here (often a tab or a stray '@' or '`')", "use spaces, not tabs, for indentation; quote values starting with '@' or '`'"),
        ("did not find expected <document start>", "unexpected content: the file does not continue as a mapping here", "check the indentation of this line"),
        ("tab", "a tab character is used for indentation", "YAML indentation must use spaces, not tabs"),
    ];

    /// <summary>The first line at or after <paramref name="line"/> indented with a tab, or <paramref name="line"/>.</summary>
    public static int TabLine(int line, Func<int, string> sourceLine, int lineCount)
    {
        for (var i = Math.Max(1, line); i <= lineCount; i++)
        {
            var text = sourceLine(i);
            if (text.Length > text.TrimStart().Length && text[..(text.Length - text.TrimStart().Length)].Contains('\t', StringComparison.Ordinal))
            {
                return i;
            }
        }
        return line;
    }

    public static (string Message, string? Hint) Explain(YamlException e, Func<int, string> sourceLine)
    {
        var raw = e.InnerException is YamlException inner && inner.Message.Length > 0 ? inner.Message : e.Message;
        var line = (int)e.Start.Line;
        if ((BlockProblem(sourceLine(line - 1), sourceLine(line)) ?? ValueProblem(sourceLine(line)) ?? ValueProblem(sourceLine(line - 1))) is { } problem)
        {
            return ($"YAML syntax error: {problem.Message} (parser: {raw.TrimEnd('.')})", problem.Hint);
        }
        foreach (var (fragment, message, hint) in Known)
        {
            if (raw.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return ($"YAML syntax error: {message} (parser: {raw.TrimEnd('.')})", hint);
            }
        }
        return ($"YAML syntax error: {raw.TrimEnd('.')}", null);
    }

    /// <summary>Explains a parse that failed without a parser message, at <paramref name="line"/>.</summary>
    public static (string Message, string? Hint) Unexpected(int line, Func<int, string> sourceLine)
    {
        if ((ValueProblem(sourceLine(line)) ?? ValueProblem(sourceLine(line - 1))) is { } problem)
        {
            return ($"YAML syntax error: {problem.Message}", problem.Hint);
        }
        return ("YAML syntax error: the file stops making sense as YAML here",
            "look for an unclosed [ or { or quote on this or an earlier line");
    }

    /// <summary>A block scalar (<c>text: &gt;-</c>) whose text is not indented more than its key, so YAML reads it as new keys.</summary>
    private static (string Message, string Hint)? BlockProblem(string previous, string line)
    {
        var header = previous.TrimEnd();
        var isBlock = header.EndsWith('|') || header.EndsWith('>') || header.EndsWith("|-", StringComparison.Ordinal)
            || header.EndsWith(">-", StringComparison.Ordinal) || header.EndsWith("|+", StringComparison.Ordinal) || header.EndsWith(">+", StringComparison.Ordinal);
        var keyIndent = previous.Length - previous.TrimStart().Length;
        var textIndent = line.Length - line.TrimStart().Length;
        if (!isBlock || textIndent > keyIndent || line.Trim().Length == 0)
        {
            return null;
        }
        var key = header.TrimStart().TrimStart('-', ' ').Split(':')[0];
        return ($"the text of the block value '{header.Trim()}' on the line above is not indented, so YAML reads it as a new key or value",
            $"indent the text lines more than {key}: (e.g. two more spaces)");
    }

    /// <summary>
    /// Recognises an unquoted value whose first character YAML gives a special meaning, the usual
    /// cause of syntax errors in templates (<c>title: {{ ... }}</c>, <c>text: *bold* ...</c>).
    /// </summary>
    private static (string Message, string Hint)? ValueProblem(string line)
    {
        var v = line.TrimStart();
        v = v.StartsWith("- ", StringComparison.Ordinal) ? v[2..].TrimStart() : v;
        var colon = v.IndexOf(": ", StringComparison.Ordinal);
        v = colon >= 0 ? v[(colon + 2)..].TrimStart() : v;
        const string Quote = "quote the value, e.g. title: '[{{ .Status }}] {{ .CommonLabels.alertname }}'";
        return v switch
        {
            _ when v.StartsWith("{{", StringComparison.Ordinal) =>
                ("an unquoted value starting with '{' is read as a YAML inline mapping, so a template cannot start a value unquoted", Quote),
            _ when v.StartsWith('[') && v.Contains("{{", StringComparison.Ordinal) =>
                ("an unquoted value starting with '[' is read as a YAML list", Quote),
            _ when v.StartsWith('[') && !v.TrimEnd().EndsWith(']') =>
                ("an inline list '[...' is not closed on this line", "close it with ']' (e.g. group_by: [alertname, cluster]), or quote the value if it is text"),
            _ when v.StartsWith('*') =>
                ("an unquoted value starting with '*' is read as a YAML alias (a reference to an '&anchor')", "quote the value, e.g. text: '*Description:* {{ .CommonAnnotations.description }}'"),
            _ when v.StartsWith('@') || v.StartsWith('`') =>
                ("a value cannot start with '@' or '`' unquoted", "quote the value"),
            _ => null,
        };
    }
}
