using System.Text.RegularExpressions;

namespace Vigil.Model.Labels;

/// <summary>
/// A label matcher such as <c>severity=~"crit|page"</c>. Regular expressions use Go's RE2 syntax,
/// fully anchored, as in Prometheus and Alertmanager. A missing label matches as the empty string.
/// </summary>
public sealed class Matcher : IEquatable<Matcher>
{
    private readonly Regex? _regex;

    /// <summary>Creates a matcher; throws <see cref="FormatException"/> when a regex does not compile.</summary>
    public Matcher(MatcherType type, string name, string value)
    {
        Type = type;
        Name = name;
        Value = value;
        if (type.IsRegex())
        {
            _regex = GoRegex.CompileAnchored(value);
        }
    }

    /// <summary>The operator.</summary>
    public MatcherType Type { get; }

    /// <summary>The label name.</summary>
    public string Name { get; }

    /// <summary>The value or pattern.</summary>
    public string Value { get; }

    /// <summary>Whether a label value (empty when absent) satisfies this matcher.</summary>
    public bool Matches(string value) => Type switch
    {
        MatcherType.Equal => value == Value,
        MatcherType.NotEqual => value != Value,
        MatcherType.Regexp => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };

    /// <summary>Whether the label set satisfies this matcher.</summary>
    public bool Matches(LabelSet labels) => Matches(labels.Get(Name));

    /// <summary>Whether this matcher matches the empty string (an absent label).</summary>
    public bool MatchesEmpty => Matches("");

    /// <summary>Renders as <c>name="value"</c>, quoting the name when it is not a classic label name.</summary>
    public override string ToString()
    {
        var name = LabelName.IsClassic(Name) ? Name : GoString.Quote(Name);
        return name + Type.Symbol() + GoString.Quote(Value);
    }

    /// <inheritdoc />
    public bool Equals(Matcher? other) =>
        other is not null && Type == other.Type && Name == other.Name && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Matcher);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Name, Value);
}
