using System.Text.RegularExpressions;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>What <c>vigil alertmanager</c> says at startup, beyond what Alertmanager 0.25 says.</summary>
public sealed class VigilStartupTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Alertmanager 0.25 says only "field rule_files not found in type config.plain" (the seed's
    /// crash loop); Vigil must name the line and say where the field belongs.</summary>
    [Fact]
    public async Task Start_RuleFilesInAlertmanagerYml_VigilNamesTheLineAndPrometheusYml()
    {
        await using var am = await AlertmanagerServer.LaunchAsync(AlertmanagerFlavor.Vigil, BadConfigs.WithRuleFiles);

        await am.Process.WaitForExitAsync(Deadline);

        var output = am.Process.Output;
        Assert.Matches(new Regex($@"(line {BadConfigs.RuleFilesLine}\b|:{BadConfigs.RuleFilesLine}\b)"), output);
        Assert.Contains("prometheus.yml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_GoodConfig_VigilLogsListeningAddress()
    {
        await using var am = await AlertmanagerServer.StartAsync(AlertmanagerFlavor.Vigil, SeedConfig.AlertmanagerYaml("http://127.0.0.1:9/slack"));

        await am.Process.WaitForOutputAsync("Listening on", Deadline);

        Assert.Contains("address=" + am.ListenAddress, am.Process.Output, StringComparison.Ordinal);
    }
}
