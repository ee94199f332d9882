using Vigil.Cli;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil check rules FILE...</c>: checks rule files with promtool's output and exit codes
/// (0 valid, 1 errors, 3 lint findings under <c>--lint-fatal</c>).
/// </summary>
public static class CheckRulesCommand
{
    private static readonly FlagSpec[] Flags =
    [
        FlagSpec.Str("lint", "Linting checks to apply. Available options are: all, duplicate-rules, none. Use --lint=none to disable linting", "duplicate-rules"),
        FlagSpec.Switch("lint-fatal", "Make lint errors exit with exit code 3."),
        PromtoolFeatures.Flag,
    ];

    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("check rules", "Check if the rule files are valid or not.", Flags, RunAsync)
    {
        ArgsUsage = "<rule-files>...",
    };

    private static Task<int> RunAsync(ParsedFlags flags, CommandIo io)
    {
        if (flags.Arguments.Count == 0)
        {
            throw new UsageException("required argument 'rule-files' not provided");
        }
        var lint = RuleFileCheck.LintSettings.Parse(flags.String("lint"), flags.Bool("lint-fatal"), io.Out);
        var parser = PromtoolFeatures.Read(flags, io.Out).Parser;
        var (failed, hasErrors) = RuleFileCheck.Run(flags.Arguments, lint, parser, io);
        return Task.FromResult(RuleFileCheck.ExitCode(failed, hasErrors, lint.Fatal));
    }
}
