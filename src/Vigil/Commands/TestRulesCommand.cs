using Vigil.Cli;
using Vigil.Rules.UnitTesting;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil test rules FILE...</c>: runs rule unit tests in promtool's format with its output and exit codes
/// (0 all passed, 1 any failure).
/// </summary>
public static class TestRulesCommand
{
    private static readonly FlagSpec[] Flags =
    [
        FlagSpec.Many("run", "If set, will only run test groups whose names match the regular expression. Can be specified multiple times."),
        FlagSpec.Switch("ignore-unknown-fields", "Ignore unknown fields in the rule files. This is useful when you want to extend rule files with custom metadata."),
        PromtoolFeatures.Flag,
    ];

    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("test rules", "Unit tests for rules.", Flags, RunAsync)
    {
        ArgsUsage = "<test-rule-file>...",
    };

    private static Task<int> RunAsync(ParsedFlags flags, CommandIo io)
    {
        if (flags.Arguments.Count == 0)
        {
            throw new UsageException("required argument 'test-rule-file' not provided");
        }
        var engine = PromtoolFeatures.Read(flags, io.Out);
        return Task.FromResult(UnitTestRunner.Run(flags.Arguments, flags.Strings("run"), flags.Bool("ignore-unknown-fields"), io.Out, io.Err, engine));
    }
}
