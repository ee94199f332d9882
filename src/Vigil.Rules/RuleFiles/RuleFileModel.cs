using Vigil.Config;
using Vigil.PromQL.Parser;

namespace Vigil.Rules.RuleFiles;

/// <summary>One rule file as loaded: its groups in file order.</summary>
public sealed record RuleFile
{
    /// <summary>The file as the user named it.</summary>
    public required string Path { get; init; }

    /// <summary>The groups, in file order.</summary>
    public IReadOnlyList<RuleGroupConfig> Groups { get; init; } = [];

    /// <summary>How many rules all groups hold together.</summary>
    public int RuleCount => Groups.Sum(g => g.Rules.Count);
}

/// <summary>A rule group: rules evaluated together, in order, at one interval.</summary>
public sealed record RuleGroupConfig
{
    /// <summary>The group name, unique within its file.</summary>
    public required string Name { get; init; }

    /// <summary>The evaluation interval; null means the global <c>evaluation_interval</c>.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The most alerts or series one evaluation of a rule may produce; 0 means no limit.</summary>
    public long Limit { get; init; }

    /// <summary>How far in the past rules query; null means the global <c>rule_query_offset</c>.</summary>
    public TimeSpan? QueryOffset { get; init; }

    /// <summary>Labels added to every rule of the group (a rule's own labels win).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<RuleConfig> Rules { get; init; } = [];

    /// <summary>Where the group starts in its file.</summary>
    public SourcePosition Position { get; init; }
}

/// <summary>An alerting rule (<see cref="Alert"/> set) or a recording rule (<see cref="Record"/> set).</summary>
public sealed record RuleConfig
{
    /// <summary>The alert name, or null for a recording rule.</summary>
    public string? Alert { get; init; }

    /// <summary>The recorded metric name, or null for an alerting rule.</summary>
    public string? Record { get; init; }

    /// <summary>The PromQL expression as written.</summary>
    public required string Expr { get; init; }

    /// <summary>The parsed expression.</summary>
    public required Expr Expression { get; init; }

    /// <summary>How long the condition must hold before the alert fires (alerting rules).</summary>
    public TimeSpan For { get; init; }

    /// <summary>How long the alert keeps firing after the condition clears (alerting rules).</summary>
    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>Labels added to the alert or recorded series (templates allowed in alerting rules).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations of the alert (templates allowed).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the rule starts in its file.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>The alert or record name, whichever is set.</summary>
    public string Name => Alert ?? Record ?? "";
}
