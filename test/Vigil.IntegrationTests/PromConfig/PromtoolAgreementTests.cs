using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.PromConfig;

/// <summary>
/// <c>vigil check rules|config</c> and the real promtool on the same files must give the same exit code,
/// so CI jobs and scripts that call one can call the other.
/// </summary>
public sealed class PromtoolAgreementTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static string Promtool => RequiredProgram.Find("promtool", "prometheus");

    [Theory]
    [MemberData(nameof(PromConfigCases.RuleFileNames), MemberType = typeof(PromConfigCases))]
    public async Task CheckRules_Case_ExitsLikePromtool(string name)
    {
        using var dir = new TempDirectory("check-rules");
        var file = dir.Write("rules.yml", PromConfigCases.RuleFiles[name]);

        await AssertSameExitCode(["check", "rules", file]);
    }

    [Theory]
    [InlineData("--lint=none")]
    [InlineData("--lint=duplicate-rules")]
    [InlineData("--lint-fatal")]
    public async Task CheckRules_DuplicatesWithLintFlags_ExitsLikePromtool(string flag)
    {
        using var dir = new TempDirectory("check-rules");
        var file = dir.Write("rules.yml", PromConfigCases.RuleFiles["duplicates"]);

        await AssertSameExitCode(["check", "rules", flag, file]);
    }

    [Fact]
    public async Task CheckRules_SeveralFilesOneBad_ExitsLikePromtool()
    {
        using var dir = new TempDirectory("check-rules");
        var good = dir.Write("good.yml", PromConfigCases.RuleFiles["good"]);
        var bad = dir.Write("bad.yml", PromConfigCases.RuleFiles["bad-promql"]);

        await AssertSameExitCode(["check", "rules", good, bad]);
    }

    [Theory]
    [MemberData(nameof(PromConfigCases.ConfigNames), MemberType = typeof(PromConfigCases))]
    public async Task CheckConfig_Case_ExitsLikePromtool(string name)
    {
        using var dir = new TempDirectory("check-config");
        dir.Write("rules.yml", PromConfigCases.RuleFiles["good"]);
        dir.Write("bad-rules.yml", PromConfigCases.RuleFiles["bad-promql"]);
        var file = dir.Write("prometheus.yml", PromConfigCases.Configs[name]);

        await AssertSameExitCode(["check", "config", file]);
    }

    [Theory]
    [MemberData(nameof(PromConfigCases.StricterNames), MemberType = typeof(PromConfigCases))]
    public async Task CheckConfig_StricterCase_VigilRefusesWherePromtool242Passes(string name)
    {
        using var dir = new TempDirectory("check-config");
        var (yaml, why) = PromConfigCases.StricterThanPromtool[name];
        var file = dir.Write("prometheus.yml", yaml);

        var (promtool, _) = await ManagedProcess.RunAsync(Promtool, ["check", "config", file], Deadline);
        var (vigil, output) = await VigilBinary.RunAsync(["check", "config", file], Deadline);

        Assert.True((promtool, vigil) == (0, 1), $"{name} ({why}): promtool exit {promtool}, vigil exit {vigil}\n{output}");
    }

    [Fact]
    public async Task CheckConfig_RuleFileWithDuplicatesAndLintFatal_ExitsLikePromtool()
    {
        using var dir = new TempDirectory("check-config");
        dir.Write("dups.yml", PromConfigCases.RuleFiles["duplicates"]);
        var file = dir.Write("prometheus.yml", "rule_files: ['dups.yml']\nscrape_configs: []\n");

        await AssertSameExitCode(["check", "config", "--lint-fatal", file]);
    }

    [Fact]
    public async Task CheckConfig_RelativeRuleFile_ResolvedAgainstTheConfigDirectory()
    {
        using var dir = new TempDirectory("check-config");
        dir.Write("rules.yml", PromConfigCases.RuleFiles["good"]);
        var file = dir.Write("prometheus.yml", PromConfigCases.Configs["good"]);

        var (code, output) = await VigilBinary.RunAsync(["check", "config", file], Deadline);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 2 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_AlertmanagerKeyInPrometheusYml_NamedWithLineAndFix()
    {
        using var dir = new TempDirectory("check-config");
        var file = dir.Write("prometheus.yml", PromConfigCases.Configs["alertmanager-key"]);

        var (code, output) = await VigilBinary.RunAsync(["check", "config", file], Deadline);

        Assert.Equal(1, code);
        Assert.Contains("prometheus.yml:1:1: route: field route not allowed in prometheus.yml; it belongs in alertmanager.yml", output, StringComparison.Ordinal);
    }

    private static async Task AssertSameExitCode(string[] args)
    {
        var (expected, promtoolOutput) = await ManagedProcess.RunAsync(Promtool, args, Deadline);
        var (actual, vigilOutput) = await VigilBinary.RunAsync(args, Deadline);

        Assert.True(expected == actual,
            $"{string.Join(' ', args)}: promtool exit {expected}, vigil exit {actual}\n--- promtool:\n{promtoolOutput}\n--- vigil:\n{vigilOutput}");
    }
}
