using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Each scenario run against the real Alertmanager 0.25 and <c>vigil alertmanager</c> side by side:
/// the same messages, grouping, payloads, and times within a second.</summary>
public sealed class DifferentialTests
{
    [Theory]
    [MemberData(nameof(ScenarioCatalog.Names), MemberType = typeof(ScenarioCatalog))]
    public async Task VigilAgainstReal_Scenario_DeliversTheSame(string name)
    {
        var scenario = ScenarioCatalog.ByName[name];

        var (reference, candidate) = await DifferentialRunner.RunAsync(scenario, AlertmanagerFlavor.Real, AlertmanagerFlavor.Vigil);

        DifferentialAssert.Agree(scenario, reference, candidate);
    }
}
