using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.Tests.Config;

public sealed class ConfigCheckTests
{
    [Fact]
    public void Run_ValidFile_PrintsSuccessAndSummaryAndExitsZero()
    {
        var path = ConfigTestData.PathOf("seed-fixed.yml");
        var output = new StringWriter();

        var code = ConfigCheck.Run([path], output);

        Assert.Equal(0, code);
        Assert.Equal(
            $"Checking '{path}'  SUCCESS\nFound:\n - global config\n - route\n - 0 inhibit rules\n - 1 receivers\n - 0 templates\n\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_SeedOriginal_FailsWithEveryErrorAndWarningAndExitsOne()
    {
        var path = ConfigTestData.PathOf("seed-original.yml");
        var output = new StringWriter();

        var code = ConfigCheck.Run([path], output);

        Assert.Equal(1, code);
        var text = output.ToString();
        Assert.StartsWith($"Checking '{path}'  FAILED: 1 error(s)", text, StringComparison.Ordinal);
        Assert.Contains(":17:1: rule_files: field not allowed in alertmanager.yml; it belongs in prometheus.yml", text, StringComparison.Ordinal);
        Assert.Contains("WARNING: ", text, StringComparison.Ordinal);
        Assert.Contains("quote it: channel: '#monitoring'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Found:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", text, StringComparison.Ordinal);
        Assert.EndsWith("error: failed to validate 1 file(s)\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TwoFilesOneBad_ChecksBothAndExitsOne()
    {
        var output = new StringWriter();

        var code = ConfigCheck.Run([ConfigTestData.PathOf("full.yml"), ConfigTestData.PathOf("seed-original.yml")], output);

        Assert.Equal(1, code);
        Assert.Contains(" - 2 templates", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("template glob", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("failed to validate 1 file(s)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TemplateDoesNotParse_ReportsFileLineAndFieldAndExitsOne()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vigil-check-").FullName, "alertmanager.yml");
        File.WriteAllText(path, """
            route:
              receiver: slack
            receivers:
              - name: slack
                slack_configs:
                  - api_url: http://127.0.0.1:1/hook
                    title: '{{ .Status | toUpper }'
            """);
        var output = new StringWriter();

        var code = ConfigCheck.Run([path], output);

        Assert.Equal(1, code);
        Assert.Contains($"  {path}:4:5: receivers[0].slack_configs[0].title: ", output.ToString(), StringComparison.Ordinal);
    }
}
