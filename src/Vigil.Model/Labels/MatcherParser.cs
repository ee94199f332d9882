namespace Vigil.Model.Labels;

/// <summary>
/// Parses matcher lists as Alertmanager accepts them in config (<c>matchers:</c>), API filters,
/// silences and amtool: <c>{a="b", c=~"d.*"}</c>, with or without braces, names bare or quoted
/// (UTF-8 names must be quoted when they hold special characters), values quoted or bare.
/// </summary>
public static class MatcherParser
{
    /// <summary>Parses a list; throws <see cref="FormatException"/> naming the problem and its position.</summary>
    public static IReadOnlyList<Matcher> ParseList(string input)
    {
        var text = input.Trim();
        if (text.StartsWith('{'))
        {
            if (!text.EndsWith('}'))
            {
                throw new FormatException($"{GoString.Quote(input)}: missing closing '}}'");
            }
            text = text[1..^1];
        }
        var result = new List<Matcher>();
        var pos = 0;
        while (true)
        {
            SkipSpace(text, ref pos);
            if (pos >= text.Length)
            {
                break;
            }
            result.Add(ParseOne(text, ref pos, input));
            SkipSpace(text, ref pos);
            if (pos < text.Length && text[pos] != ',')
            {
                throw new FormatException($"{GoString.Quote(input)}: expected ',' or end of input at position {pos}, found {GoString.Quote(text[pos].ToString())}");
            }
            pos++;
        }
        return result;
    }

    /// <summary>Parses exactly one matcher such as <c>severity="critical"</c>.</summary>
    public static Matcher Parse(string input)
    {
        var list = ParseList(input);
        if (list.Count != 1)
        {
            throw new FormatException($"{GoString.Quote(input)}: expected exactly one matcher, found {list.Count}");
        }
        return list[0];
    }

    private static Matcher ParseOne(string text, ref int pos, string input)
    {
        var name = ReadToken(text, ref pos, input, isName: true);
        if (name.Length == 0)
        {
            throw new FormatException($"{GoString.Quote(input)}: expected a label name at position {pos}");
        }
        SkipSpace(text, ref pos);
        var type = ReadOperator(text, ref pos, input);
        SkipSpace(text, ref pos);
        var value = ReadToken(text, ref pos, input, isName: false);
        try
        {
            return new Matcher(type, name, value);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{GoString.Quote(input)}: matcher {name}{type.Symbol()}{GoString.Quote(value)}: {e.Message}", e);
        }
    }

    private static MatcherType ReadOperator(string text, ref int pos, string input)
    {
        var rest = text.AsSpan(pos);
        (MatcherType type, int len) op = rest switch
        {
            _ when rest.StartsWith("=~") => (MatcherType.Regexp, 2),
            _ when rest.StartsWith("!=") => (MatcherType.NotEqual, 2),
            _ when rest.StartsWith("!~") => (MatcherType.NotRegexp, 2),
            _ when rest.StartsWith("=") => (MatcherType.Equal, 1),
            _ => throw new FormatException($"{GoString.Quote(input)}: expected one of '=', '!=', '=~', '!~' at position {pos}"),
        };
        pos += op.len;
        return op.type;
    }

    private static string ReadToken(string text, ref int pos, string input, bool isName)
    {
        if (pos < text.Length && text[pos] is '"' or '\'' or '`')
        {
            if (!GoString.TryUnquote(text, pos, out var value, out var end, out var error))
            {
                throw new FormatException($"{GoString.Quote(input)}: {error} at position {pos}");
            }
            pos = end;
            return value;
        }
        var start = pos;
        while (pos < text.Length && !EndsBareToken(text[pos], isName))
        {
            pos++;
        }
        return text[start..pos].Trim();
    }

    private static bool EndsBareToken(char c, bool isName) =>
        isName ? c is '=' or '!' or '~' or ',' or '{' or '}' or '"' || char.IsWhiteSpace(c) : c is ',' or '}';

    private static void SkipSpace(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
    }
}
