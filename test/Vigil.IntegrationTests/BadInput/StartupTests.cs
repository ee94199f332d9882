using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>A bad config at startup: the process must stop with a message, not limp along.</summary>
public sealed class StartupTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task Start_RuleFilesInAlertmanagerYml_ExitsNonZero(AlertmanagerFlavor flavor)
    {
        await using var am = await AlertmanagerServer.LaunchAsync(flavor, BadConfigs.WithRuleFiles);

        await am.Process.WaitForExitAsync(Deadline);

        Assert.True(am.Process.ExitCode != 0, am.Diagnostics());
        Assert.Contains("rule_files", am.Process.Output, StringComparison.Ordinal);
    }
}
