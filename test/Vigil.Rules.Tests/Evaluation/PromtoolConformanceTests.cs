using Vigil.Rules.UnitTesting;

namespace Vigil.Rules.Tests.Evaluation;

/// <summary>Runs promtool's own rule unit-test files and expects promtool's exit codes (EXPECTED.tsv).</summary>
public sealed class PromtoolConformanceTests
{
    private static readonly string Dir = FindDir();

    // Files Vigil cannot pass yet, with the reason it must give instead; remove an entry once the gap closes.
    private static readonly Dictionary<string, string> KnownGaps = [];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var line in File.ReadAllLines(Path.Combine(Dir, "EXPECTED.tsv")))
        {
            if (line.StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }
            var cols = line.Split('\t');
            data.Add(cols[0], cols[1], int.Parse(cols[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_ConformanceFile_ExitCodeAsPromtool(string file, string args, int expected)
    {
        var run = new List<string>();
        if (args.StartsWith("--run=", StringComparison.Ordinal))
        {
            run.Add(args["--run=".Length..]);
        }
        var ignore = args == "--ignore-unknown-fields";
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = UnitTestRunner.Run([Path.Combine(Dir, file)], run, ignore, stdout, stderr);
        if (KnownGaps.TryGetValue(file, out var reason))
        {
            Assert.Contains(reason, stderr.ToString(), StringComparison.Ordinal);
            return;
        }
        Assert.True(expected == code, $"exit {code}, expected {expected}\n{stdout}\n{stderr}");
    }

    [Fact]
    public void Run_TestFileNamedRelativeToWorkingDirectory_FindsItsRuleFiles()
    {
        // The bug this guards: "vigil test rules unittest.yml" run inside the directory found no rule files.
        var stem = "vigil-reltest-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(stem + "-rules.yml", "groups:\n  - name: g\n    rules:\n      - record: doubled\n        expr: m * 2\n");
        File.WriteAllText(stem + ".yml", $"rule_files: [{stem}-rules.yml]\ntests:\n  - input_series:\n      - series: m\n        values: '1'\n    promql_expr_test:\n      - expr: doubled\n        eval_time: 0m\n        exp_samples:\n          - labels: doubled\n            value: 2\n");
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = UnitTestRunner.Run([stem + ".yml"], [], false, stdout, stderr);

            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
            Assert.DoesNotContain("WARNING", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(stem + ".yml");
            File.Delete(stem + "-rules.yml");
        }
    }

    /// <summary><c>shared/conformance/promtool</c> beside the repository root (the CI layout), else this machine's copy.</summary>
    private static string FindDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir?.Parent is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                var beside = Path.Combine(dir.Parent.FullName, "shared", "conformance", "promtool");
                if (Directory.Exists(beside))
                {
                    return beside;
                }
            }
        }
        return "/work/shared/conformance/promtool";
    }
}
