namespace Vigil.Cli;

/// <summary>
/// One entry of the command table: its words (<c>check config</c>), a one-line summary, its
/// flags, a usage line for positional arguments, and what it runs. New commands (prometheus,
/// run, check rules, test rules, ...) are one more entry in <c>Program.Commands</c>.
/// </summary>
public sealed record Command(string Path, string Summary, IReadOnlyList<FlagSpec> Flags, Func<ParsedFlags, CommandIo, Task<int>> Run)
{
    /// <summary>Positional arguments as shown in usage, e.g. <c>&lt;file&gt;...</c>.</summary>
    public string ArgsUsage { get; init; } = "";

    /// <summary>The command's words.</summary>
    public string[] Words => Path.Split(' ');
}

/// <summary>Where a command writes, and its cancellation (Ctrl-C for short-lived commands).</summary>
public sealed record CommandIo(TextWriter Out, TextWriter Err, CancellationToken Cancel);
