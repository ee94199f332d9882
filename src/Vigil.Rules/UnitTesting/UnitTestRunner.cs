using System.Text.RegularExpressions;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Rules.Evaluation;
using Vigil.Rules.RuleFiles;
using Vigil.Storage.Memory;

namespace Vigil.Rules.UnitTesting;

/// <summary>
/// Runs rule unit-test files as <c>promtool test rules</c> does: per test group, load the input series, evaluate
/// every group at each evaluation step up to the last eval time, check alert tests at their times, then the
/// PromQL tests; print <c>SUCCESS</c> or <c>FAILED:</c> with the reasons per file. Exit code 0 or 1.
/// </summary>
public static class UnitTestRunner
{
    /// <summary>
    /// Runs <paramref name="files"/>; <paramref name="run"/> regexes select test groups by name. Rule files and
    /// PromQL tests are parsed and evaluated with <paramref name="engine"/> (promtool's <c>--enable-feature</c>).
    /// </summary>
    public static int Run(IReadOnlyList<string> files, IReadOnlyList<string> run, bool ignoreUnknownFields, TextWriter stdout, TextWriter stderr,
        EngineOptions? engine = null)
    {
        engine ??= new EngineOptions();
        var filter = run.Count > 0 ? new Regex(string.Join("|", run), RegexOptions.CultureInvariant) : null;
        var failed = false;
        foreach (var file in files)
        {
            stdout.WriteLine($"Unit Testing:  {file}");
            var errors = RunFile(file, filter, ignoreUnknownFields, engine, stderr);
            if (errors.Count > 0)
            {
                stderr.WriteLine("  FAILED:");
                foreach (var e in errors)
                {
                    stderr.WriteLine(e);
                    stdout.WriteLine();
                }
                failed = true;
            }
            else
            {
                stdout.WriteLine("  SUCCESS");
            }
            stdout.WriteLine();
        }
        return failed ? 1 : 0;
    }

    private static List<string> RunFile(string path, Regex? filter, bool ignoreUnknownFields, EngineOptions engine, TextWriter stderr)
    {
        UnitTestFile file;
        try
        {
            file = UnitTestFileReader.Read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or YamlDotNet.Core.YamlException)
        {
            return [e.Message];
        }
        var interval = file.EvaluationInterval == TimeSpan.Zero ? TimeSpan.FromMinutes(1) : file.EvaluationInterval;
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.GroupEvalOrder.Count; i++)
        {
            if (!order.TryAdd(file.GroupEvalOrder[i], i))
            {
                return [$"group name repeated in evaluation order: {file.GroupEvalOrder[i]}"];
            }
        }
        var ruleFiles = ResolveRuleFiles(Path.GetDirectoryName(path) ?? ".", file.RuleFiles, stderr);
        var errors = new List<string>();
        for (var i = 0; i < file.Tests.Count; i++)
        {
            var test = file.Tests[i];
            if (filter is not null && !filter.IsMatch(test.Name))
            {
                continue;
            }
            if (test.Interval == TimeSpan.Zero)
            {
                test = test with { Interval = interval };
            }
            var context = new TestGroupRun(test, interval, order, file.FuzzyCompare, ignoreUnknownFields, engine);
            errors.AddRange(context.Run(ruleFiles));
        }
        return errors;
    }

    /// <summary>Rule files are relative to the test file; globs expand; a pattern matching nothing is warned about.</summary>
    private static List<string> ResolveRuleFiles(string baseDir, List<string> patterns, TextWriter stderr)
    {
        var result = new List<string>();
        foreach (var pattern in patterns)
        {
            var full = Path.IsPathRooted(pattern) || pattern.Length == 0 ? pattern : Path.Combine(baseDir, pattern);
            // A bare file name (a test file given relative to the working directory) has "" as its directory.
            var dir = Path.GetDirectoryName(full) is { Length: > 0 } d ? d : ".";
            var name = Path.GetFileName(full);
            var matches = Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToList() : [];
            if (matches.Count == 0)
            {
                stderr.WriteLine($"  WARNING: no file match pattern {full}");
            }
            result.AddRange(matches);
        }
        return result;
    }

    internal static RuleFileLoadResult LoadRuleFile(string path, bool ignoreUnknownFields, ParserOptions parser) =>
        ignoreUnknownFields ? RuleFileLoader.Parse(UnknownFieldStripper.Strip(File.ReadAllText(path)), path, parser) : RuleFileLoader.LoadFile(path, parser);

    internal static RuleContext Context(MemoryStorage storage, TestGroup test, EngineOptions engine) => new()
    {
        Query = RuleQuery.ForEngine(new QueryEngine(engine), storage),
        ExternalLabels = LabelSet.From(test.ExternalLabels),
        ExternalUrl = test.ExternalUrl,
    };
}
