namespace Vigil.PromQL.Engine;

/// <summary>Warnings and infos collected while evaluating, deduplicated like upstream's annotations.</summary>
public sealed class Annotations
{
    private readonly HashSet<string> _warnings = [];
    private readonly HashSet<string> _infos = [];

    /// <summary>The warnings so far.</summary>
    public IReadOnlyCollection<string> Warnings => _warnings;

    /// <summary>The infos so far.</summary>
    public IReadOnlyCollection<string> Infos => _infos;

    /// <summary>Adds a warning; <paramref name="position"/> is the line:column suffix upstream appends.</summary>
    public void Warn(string message, string position) => _warnings.Add($"PromQL warning: {message} ({position})");

    /// <summary>Adds an info.</summary>
    public void Info(string message, string position) => _infos.Add($"PromQL info: {message} ({position})");
}
