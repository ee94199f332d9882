using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary><c>vigil check config</c> must give amtool check-config's exit codes (0 good, 1 bad), so scripts
/// and CI jobs that call one can call the other.</summary>
public sealed class VigilCheckConfigTests
{
    [Theory]
    [MemberData(nameof(BadConfigs.CheckConfigNames), MemberType = typeof(BadConfigs))]
    public async Task VigilCheckConfig_Case_ExitsLikeAmtool(string name)
    {
        var (yaml, expected) = BadConfigs.ForCheckConfig[name];
        using var dir = new TempDirectory("check");

        var (code, output) = await VigilBinary.RunAsync(["check", "config", dir.Write("alertmanager.yml", yaml)]);

        Assert.True(expected == code, $"vigil check config: expected exit {expected}, got {code}\n{output}");
    }
}
