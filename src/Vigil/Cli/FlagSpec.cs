namespace Vigil.Cli;

/// <summary>
/// Declares one long flag as kingpin would: name without dashes, help text, default, type, and
/// whether it may be given more than once (then every value is kept, in order).
/// </summary>
public sealed record FlagSpec(string Name, string Help, FlagKind Kind = FlagKind.String, string? Default = null)
{
    /// <summary>Whether the flag may repeat (kingpin's <c>Strings()</c>).</summary>
    public bool Repeatable { get; init; }

    /// <summary>A placeholder for the value in help output, e.g. <c>FILE</c>.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Whether the flag is hidden from <c>--help</c> (accepted for compatibility only).</summary>
    public bool Hidden { get; init; }

    /// <summary>Flag that takes a string.</summary>
    public static FlagSpec Str(string name, string help, string? def = null) => new(name, help, FlagKind.String, def);

    /// <summary>Flag that is a switch (default off unless <paramref name="def"/>).</summary>
    public static FlagSpec Switch(string name, string help, bool def = false) => new(name, help, FlagKind.Bool, def ? "true" : "false");

    /// <summary>Flag that takes a Go duration.</summary>
    public static FlagSpec Dur(string name, string help, string def) => new(name, help, FlagKind.Duration, def);

    /// <summary>Flag that takes an integer.</summary>
    public static FlagSpec Integer(string name, string help, string def) => new(name, help, FlagKind.Int, def);

    /// <summary>Flag that may repeat.</summary>
    public static FlagSpec Many(string name, string help) => new(name, help) { Repeatable = true };
}
