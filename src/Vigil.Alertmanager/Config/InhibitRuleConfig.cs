using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Config;

/// <summary>An inhibition rule: while a source alert fires, matching target alerts are muted.</summary>
public sealed record InhibitRuleConfig
{
    /// <summary>Matchers the source alert must satisfy (from source_matchers, source_match, source_match_re).</summary>
    public IReadOnlyList<Matcher> SourceMatchers { get; init; } = [];

    /// <summary>Matchers the target alert must satisfy.</summary>
    public IReadOnlyList<Matcher> TargetMatchers { get; init; } = [];

    /// <summary>Labels that must be equal on source and target; absent on both counts as equal.</summary>
    public IReadOnlyList<string> Equal { get; init; } = [];

    public SourcePosition Position { get; init; }
}
