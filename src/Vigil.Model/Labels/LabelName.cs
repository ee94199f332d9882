namespace Vigil.Model.Labels;

/// <summary>Label-name rules.</summary>
public static class LabelName
{
    /// <summary>The alert name label.</summary>
    public const string AlertName = "alertname";

    /// <summary>The metric name label.</summary>
    public const string MetricName = "__name__";

    /// <summary>Whether <paramref name="name"/> matches <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsClassic(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a valid label name under today's UTF-8 rules (any non-empty valid UTF-8).</summary>
    public static bool IsValid(string name) => name.Length > 0 && IsWellFormed(name);

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }
        return true;
    }
}
