using Vigil.Cli;
using Vigil.PromQL.Testing;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil test promql FILE...</c>: runs PromQL test scripts in upstream's format and prints,
/// per file, the evals passed, failed and skipped (with reasons), ending with <c>N passed, M failed</c>.
/// Exit code 0 when nothing failed, 1 otherwise.
/// </summary>
public static class TestPromqlCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("test promql", "Run PromQL test scripts (upstream's promqltest format).", [], RunAsync)
    {
        ArgsUsage = "<test-files>...",
    };

    private static Task<int> RunAsync(ParsedFlags flags, CommandIo io)
    {
        if (flags.Arguments.Count == 0)
        {
            throw new UsageException("required argument 'test-files' not provided");
        }
        return Task.FromResult(PromqlTestRunner.RunFiles(flags.Arguments, io.Out));
    }
}
