namespace Vigil.Config;

/// <summary>
/// One problem (error or warning) found while loading <c>alertmanager.yml</c>: where it is, which
/// field, what is wrong and, where known, what to do instead. Never carries a secret value.
/// </summary>
/// <param name="File">The config file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Field">Dotted path such as <c>route.routes[1].group_wait</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Hint">What to do instead, or null.</param>
public sealed record ConfigFinding(string File, int Line, int Column, string Field, string Message, string? Hint)
{
    /// <summary>Formats as <c>file:line:col: field: message; hint</c>, the shape compilers and editors understand.</summary>
    public override string ToString()
    {
        var field = Field.Length > 0 ? Field + ": " : "";
        var hint = Hint is null ? "" : "; " + Hint;
        // Line 0 means the finding is about the file as a whole (e.g. it cannot be read).
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return $"{where}: {field}{Message}{hint}";
    }
}
