namespace Vigil.Model.Relabel;

/// <summary>
/// One relabel rule as written under <c>relabel_configs</c>, <c>metric_relabel_configs</c>,
/// <c>alert_relabel_configs</c> or <c>write_relabel_configs</c>, with upstream's defaults. The config loader
/// validates the combination of fields per action; the relabel engine applies it.
/// </summary>
public sealed record RelabelConfig
{
    /// <summary>The labels whose values are joined with <see cref="Separator"/> to form the input (default none).</summary>
    public IReadOnlyList<string> SourceLabels { get; init; } = [];

    /// <summary>The separator between joined source values (default <c>;</c>).</summary>
    public string Separator { get; init; } = ";";

    /// <summary>The pattern as written (default <c>(.*)</c>); it is matched fully anchored, as upstream does.</summary>
    public string Regex { get; init; } = "(.*)";

    /// <summary>The modulus for <see cref="RelabelAction.HashMod"/>; 0 when not set.</summary>
    public ulong Modulus { get; init; }

    /// <summary>The label written by replace, hashmod, lowercase, uppercase, keepequal and dropequal.</summary>
    public string TargetLabel { get; init; } = "";

    /// <summary>The replacement, with <c>$1</c>/<c>${name}</c> references to regex groups (default <c>$1</c>).</summary>
    public string Replacement { get; init; } = "$1";

    /// <summary>The action (default <see cref="RelabelAction.Replace"/>).</summary>
    public RelabelAction Action { get; init; } = RelabelAction.Replace;
}
