namespace Vigil.Alertmanager.Config;

/// <summary>An <c>alertmanager.yml</c> after parsing, defaulting and validation.</summary>
public sealed record AlertmanagerConfig
{
    /// <summary>The <c>global</c> section with defaults applied.</summary>
    public GlobalConfig Global { get; init; } = new();

    /// <summary>The root of the routing tree.</summary>
    public required RouteConfig Route { get; init; }

    /// <summary>All receivers, in file order.</summary>
    public IReadOnlyList<ReceiverConfig> Receivers { get; init; } = [];

    /// <summary>Inhibition rules.</summary>
    public IReadOnlyList<InhibitRuleConfig> InhibitRules { get; init; } = [];

    /// <summary>Template file globs (already resolved against the config file's directory).</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>Named time intervals (from both <c>time_intervals</c> and legacy <c>mute_time_intervals</c>).</summary>
    public IReadOnlyList<TimeIntervalConfig> TimeIntervals { get; init; } = [];

    /// <summary>The original YAML text, as <c>/api/v2/status</c> shows it (with secrets masked by the serializer).</summary>
    public string Original { get; init; } = "";

    /// <summary>The file this came from, for messages.</summary>
    public string SourcePath { get; init; } = "";
}
