using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Turns a scenario's short matcher text (<c>name!~regex</c>) into an API v2 silence matcher.</summary>
public static class SilenceMatcherJson
{
    // Two-character operators first, so "!=" is not read as a name ending in "!".
    private static readonly (string Op, bool IsRegex, bool IsEqual)[] Operators =
        [("!~", true, false), ("=~", true, true), ("!=", false, false), ("=", false, true)];

    public static JsonObject Parse(string text)
    {
        foreach (var (op, isRegex, isEqual) in Operators)
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return new JsonObject
                {
                    ["name"] = text[..at],
                    ["value"] = text[(at + op.Length)..],
                    ["isRegex"] = isRegex,
                    ["isEqual"] = isEqual,
                };
            }
        }

        throw new ArgumentException($"'{text}' is not a matcher (name=value, name!=value, name=~re, name!~re)", nameof(text));
    }
}
