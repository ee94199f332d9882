namespace Vigil.Model.Labels;

/// <summary>The four label matcher operators.</summary>
public enum MatcherType
{
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>=~</c></summary>
    Regexp,
    /// <summary><c>!~</c></summary>
    NotRegexp,
}

/// <summary>Text forms of <see cref="MatcherType"/>.</summary>
public static class MatcherTypeExtensions
{
    /// <summary>The operator as written: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
    public static string Symbol(this MatcherType type) => type switch
    {
        MatcherType.Equal => "=",
        MatcherType.NotEqual => "!=",
        MatcherType.Regexp => "=~",
        _ => "!~",
    };

    /// <summary>Whether the operator is one of the regular-expression ones.</summary>
    public static bool IsRegex(this MatcherType type) => type is MatcherType.Regexp or MatcherType.NotRegexp;

    /// <summary>Whether the operator negates.</summary>
    public static bool IsNegative(this MatcherType type) => type is MatcherType.NotEqual or MatcherType.NotRegexp;
}
