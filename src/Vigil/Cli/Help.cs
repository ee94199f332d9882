using System.Text;

namespace Vigil.Cli;

/// <summary>Kingpin-style help text.</summary>
public static class Help
{
    /// <summary>Top-level usage: every command and its summary.</summary>
    public static string Overview(IReadOnlyList<Command> commands)
    {
        var sb = new StringBuilder();
        sb.Append("usage: vigil [<flags>] <command> [<args> ...]\n\n");
        sb.Append("Vigil: a Prometheus and Alertmanager compatible monitoring stack.\n\n");
        sb.Append("Flags:\n  -h, --help     Show context-sensitive help.\n      --version  Show application version.\n\n");
        sb.Append("Commands:\n");
        foreach (var c in commands)
        {
            sb.Append("  ").Append(c.Path);
            if (c.ArgsUsage.Length > 0)
            {
                sb.Append(' ').Append(c.ArgsUsage);
            }
            sb.Append("\n    ").Append(c.Summary).Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>Usage of one command with its flags and defaults.</summary>
    public static string ForCommand(Command command)
    {
        var sb = new StringBuilder();
        sb.Append("usage: vigil ").Append(command.Path).Append(" [<flags>]");
        if (command.ArgsUsage.Length > 0)
        {
            sb.Append(' ').Append(command.ArgsUsage);
        }
        sb.Append("\n\n").Append(command.Summary).Append("\n\nFlags:\n  -h, --help  Show context-sensitive help.\n");
        foreach (var flag in command.Flags.Where(f => !f.Hidden))
        {
            sb.Append("      --").Append(flag.Kind == FlagKind.Bool ? "[no-]" : "").Append(flag.Name);
            if (flag.Kind != FlagKind.Bool)
            {
                sb.Append('=').Append(flag.Default is { Length: > 0 } d ? $"\"{d}\"" : (flag.Placeholder ?? flag.Name.ToUpperInvariant()));
            }
            if (flag.Repeatable)
            {
                sb.Append(" ...");
            }
            sb.Append("\n        ").Append(flag.Help).Append('\n');
        }
        return sb.ToString();
    }
}
