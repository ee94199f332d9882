using Vigil.Cli;
using Vigil.PromQL.Parser;
using Vigil.Rules.RuleFiles;

namespace Vigil.Commands;

/// <summary>
/// Checks rule files the way promtool does for <c>check rules</c> and the rule files of <c>check config</c>:
/// "Checking F", then "SUCCESS: N rules found" or "FAILED:" followed by one finding per line.
/// </summary>
internal static class RuleFileCheck
{
    /// <summary>Which lints run and whether a lint failure alone fails the check (<c>--lint</c>, <c>--lint-fatal</c>).</summary>
    public sealed record LintSettings(bool Duplicates, bool Fatal)
    {
        /// <summary>Parses promtool's <c>--lint</c> value (comma-separated: all, duplicate-rules, none).</summary>
        public static LintSettings Parse(string lint, bool fatal, TextWriter warnings)
        {
            var duplicates = false;
            foreach (var option in lint.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                switch (option)
                {
                    case "all" or "duplicate-rules":
                        duplicates = true;
                        break;
                    case "none":
                        break;
                    default:
                        warnings.WriteLine($"WARNING: unknown lint option: {Model.GoString.Quote(option)}");
                        break;
                }
            }
            return new LintSettings(duplicates, fatal);
        }
    }

    /// <summary>
    /// Checks each file, parsing expressions with <paramref name="parser"/> (<c>--enable-feature</c>); returns whether
    /// anything failed and whether any failure was an error (not a lint).
    /// </summary>
    public static (bool Failed, bool HasErrors) Run(IEnumerable<string> files, LintSettings lint, ParserOptions parser, CommandIo io)
    {
        var failed = false;
        var hasErrors = false;
        foreach (var file in files)
        {
            io.Out.WriteLine($"Checking {file}");
            var result = RuleFileLoader.LoadFile(file, parser);
            if (result.File is not { } loaded)
            {
                io.Err.WriteLine("  FAILED:");
                foreach (var error in result.Errors)
                {
                    io.Err.WriteLine(error.ToString());
                }
                failed = hasErrors = true;
                io.Out.WriteLine();
                continue;
            }
            var duplicates = lint.Duplicates ? DuplicateRules.Find(loaded) : [];
            if (duplicates.Count > 0)
            {
                io.Err.WriteLine("  FAILED:");
                io.Err.WriteLine($"lint error {DuplicateRules.Describe(duplicates)}");
                failed = true;
            }
            else
            {
                io.Out.WriteLine($"  SUCCESS: {loaded.RuleCount} rules found");
            }
            io.Out.WriteLine();
        }
        return (failed, hasErrors);
    }

    /// <summary>promtool's exit code: 1 for errors, 3 for lint failures under <c>--lint-fatal</c>, else 0.</summary>
    public static int ExitCode(bool failed, bool hasErrors, bool lintFatal) =>
        failed && hasErrors ? 1 : failed && lintFatal ? 3 : 0;
}
