namespace Vigil.Model.Relabel;

/// <summary>Reads one <c>$</c> reference of a Go regexp template (the part after the dollar).</summary>
internal static class TemplateReference
{
    /// <summary>
    /// Reads <c>name</c> or <c>{name}</c> at the start of <paramref name="s"/>. <paramref name="number"/> is the
    /// group number when the name is all digits without a leading zero, else -1. False when malformed
    /// (empty name, missing closing brace), in which case Go keeps the dollar as text.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> s, out ReadOnlySpan<char> name, out int number, out int consumed)
    {
        name = default;
        number = -1;
        consumed = 0;
        var brace = !s.IsEmpty && s[0] == '{';
        var start = brace ? 1 : 0;
        var i = start;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }
        if (i == start)
        {
            return false;
        }
        name = s[start..i];
        if (brace)
        {
            if (i >= s.Length || s[i] != '}')
            {
                return false;
            }
            i++;
        }
        consumed = i;
        number = ParseNumber(name);
        return true;
    }

    private static int ParseNumber(ReadOnlySpan<char> name)
    {
        if (name.Length > 1 && name[0] == '0')
        {
            return -1;
        }
        var n = 0;
        foreach (var c in name)
        {
            if (c is < '0' or > '9' || n >= 100_000_000)
            {
                return -1;
            }
            n = (n * 10) + (c - '0');
        }
        return n;
    }
}
