using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Loading;

/// <summary>Small facts about YAML nodes, in the YAML 1.1 terms Alertmanager's Go YAML library uses.</summary>
public static class YamlValues
{
    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    /// <summary>Whether the node is YAML null: an empty value, <c>~</c> or <c>null</c>, unquoted.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Tag.IsEmpty && NullWords.Contains(s.Value ?? "");

    /// <summary>Whether the scalar was written in quotes (so YAML reads it as text, never as a number or boolean).</summary>
    public static bool IsQuoted(YamlScalarNode node) =>
        node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

    /// <summary>Names the kind of node for "expected X, got Y" messages, without its content (it may be a secret).</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "a single value",
    };
}
