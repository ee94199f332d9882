namespace Vigil.Cli;

/// <summary>
/// Dispatches <c>vigil ARGS</c> to the command whose words come first (longest match), and
/// turns <see cref="UsageException"/> into kingpin's <c>vigil: error: ..., try --help</c> and exit 1.
/// </summary>
public sealed class CommandLine(IReadOnlyList<Command> commands, string version)
{
    /// <summary>Runs the command line; returns the exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io)
    {
        try
        {
            return await DispatchAsync(args, io);
        }
        catch (UsageException e)
        {
            await io.Err.WriteLineAsync($"vigil: error: {e.Message}, try --help");
            return 1;
        }
    }

    private async Task<int> DispatchAsync(IReadOnlyList<string> args, CommandIo io)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help")
        {
            await io.Out.WriteAsync(Help.Overview(commands));
            return 0;
        }
        if (args[0] == "--version")
        {
            await io.Out.WriteLineAsync(version);
            return 0;
        }
        if (args[0] == "help")
        {
            var target = Find(args.Skip(1).ToList());
            await io.Out.WriteAsync(target is null ? Help.Overview(commands) : Help.ForCommand(target));
            return 0;
        }
        var command = Find(args) ?? throw Unknown(args);
        var rest = args.Skip(command.Words.Length).ToList();
        if (rest.Contains("--version"))
        {
            await io.Out.WriteLineAsync(version);
            return 0;
        }
        var flags = new FlagParser(command.Flags).Parse(rest);
        if (flags.HelpRequested)
        {
            await io.Out.WriteAsync(Help.ForCommand(command));
            return 0;
        }
        return await command.Run(flags, io);
    }

    private Command? Find(IReadOnlyList<string> args) => commands
        .Where(c => c.Words.Length <= args.Count && c.Words.SequenceEqual(args.Take(c.Words.Length), StringComparer.Ordinal))
        .MaxBy(c => c.Words.Length);

    private UsageException Unknown(IReadOnlyList<string> args)
    {
        if (args[0].StartsWith("--", StringComparison.Ordinal))
        {
            return new UsageException($"unknown long flag '{args[0].Split('=')[0]}'");
        }
        var group = commands.Where(c => c.Words.Length > 1 && c.Words[0] == args[0]).ToList();
        if (group.Count > 0)
        {
            var expected = string.Join(", ", group.Select(c => c.Words[1]));
            return args.Count > 1
                ? new UsageException($"expected command but got \"{args[1]}\" (one of: {expected})")
                : new UsageException($"expected command after '{args[0]}' (one of: {expected})");
        }
        return new UsageException($"expected command but got \"{args[0]}\"");
    }
}
