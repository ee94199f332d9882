using Vigil.Cli;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.Commands;

/// <summary>
/// promtool's <c>--enable-feature</c> for <c>check rules</c>, <c>check config</c> and <c>test rules</c>: comma-separated,
/// repeatable; the PromQL language flags let rule files use experimental PromQL, <c>promql-delayed-name-removal</c>
/// changes evaluation in rule tests, and an unknown name is warned about on stdout and otherwise ignored, as promtool does.
/// </summary>
internal static class PromtoolFeatures
{
    /// <summary>The flag, with the names promtool accepts.</summary>
    public static FlagSpec Flag { get; } = FlagSpec.Many("enable-feature",
        "Comma separated feature names to enable. Valid options: promql-experimental-functions, promql-delayed-name-removal, " +
        "promql-extended-range-selectors, promql-binop-fill-modifiers (promql-duration-expr is always on).");

    /// <summary>The engine settings the given names ask for; unknown names are warned about on <paramref name="warnings"/>.</summary>
    public static EngineOptions Read(ParsedFlags flags, TextWriter warnings)
    {
        var parser = ParserOptions.Default;
        var delayedNameRemoval = false;
        foreach (var name in flags.Strings(Flag.Name).SelectMany(v => v.Split(',')).Where(n => n.Length > 0))
        {
            if (name == "promql-delayed-name-removal")
            {
                delayedNameRemoval = true;
            }
            else if (!FeatureGates.TryEnable(parser, name, out parser))
            {
                warnings.WriteLine($"  WARNING: Unknown feature passed to --enable-feature: {name}");
            }
        }
        return new EngineOptions { Parser = parser, EnableDelayedNameRemoval = delayedNameRemoval };
    }
}
