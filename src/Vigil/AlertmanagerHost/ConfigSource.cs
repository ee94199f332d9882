using Vigil.Alertmanager.Config;

namespace Vigil.AlertmanagerHost;

/// <summary>The outcome of loading a config file: the config, or every finding that prevents it.</summary>
public sealed record ConfigLoadOutcome(AlertmanagerConfig? Config, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the file loaded.</summary>
    public bool Ok => Config is not null && Errors.Count == 0;
}

/// <summary>Loads <c>alertmanager.yml</c>; the composition root's seam over the config loader.</summary>
public delegate ConfigLoadOutcome ConfigSource(string path);
