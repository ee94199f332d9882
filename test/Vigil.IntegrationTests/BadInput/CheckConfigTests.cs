using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>The exit codes of amtool check-config for the table of configs (0 good, 1 bad): the reference
/// that <c>VigilCheckConfigTests</c> holds <c>vigil check config</c> to.</summary>
public sealed class CheckConfigTests
{
    [Theory]
    [MemberData(nameof(BadConfigs.CheckConfigNames), MemberType = typeof(BadConfigs))]
    public async Task AmtoolCheckConfig_Case_HasTheTabledExitCode(string name)
    {
        var (yaml, expected) = BadConfigs.ForCheckConfig[name];
        using var dir = new TempDirectory("check");

        var (code, output) = await Harness.Amtool.CheckConfigAsync(dir.Write("alertmanager.yml", yaml));

        Assert.True(expected == code, $"amtool check-config: expected exit {expected}, got {code}\n{output}");
    }
}
