namespace Vigil.Alertmanager.Config;

/// <summary>The outcome of loading <c>alertmanager.yml</c>: the config when it is valid, and every finding.</summary>
public sealed record ConfigLoadResult
{
    /// <summary>The loaded config; null when there is any error, so an invalid file never replaces a running config.</summary>
    public AlertmanagerConfig? Config { get; init; }

    /// <summary>All errors, in file order.</summary>
    public IReadOnlyList<ConfigFinding> Errors { get; init; } = [];

    /// <summary>Things that load but are probably not what the user meant.</summary>
    public IReadOnlyList<ConfigFinding> Warnings { get; init; } = [];

    /// <summary>Whether the config loaded without errors.</summary>
    public bool Ok => Config is not null && Errors.Count == 0;
}
