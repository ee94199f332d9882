namespace Vigil.Cli;

/// <summary>The value type of a command-line flag.</summary>
public enum FlagKind
{
    /// <summary>Any text.</summary>
    String,
    /// <summary>A switch: <c>--flag</c>, <c>--no-flag</c>, or <c>--flag=true|false</c>.</summary>
    Bool,
    /// <summary>A Go duration such as <c>30m</c> or <c>1h30m</c> (kingpin's <c>Duration()</c>).</summary>
    Duration,
    /// <summary>A whole number.</summary>
    Int,
    /// <summary>A floating-point number.</summary>
    Float,
}
