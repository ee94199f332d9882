namespace Vigil.Config;

/// <summary>A 1-based line and column in a config file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}";
}
