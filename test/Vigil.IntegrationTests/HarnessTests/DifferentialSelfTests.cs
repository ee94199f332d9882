using Vigil.IntegrationTests.Differential;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.HarnessTests;

/// <summary>The differential harness run with the real Alertmanager on both sides: whatever it reports
/// against Vigil is then a difference of Vigil, not noise of the harness (timing, normalisation).</summary>
public sealed class DifferentialSelfTests
{
    [Theory]
    [MemberData(nameof(ScenarioCatalog.Names), MemberType = typeof(ScenarioCatalog))]
    public async Task RealAgainstReal_Scenario_Agrees(string name)
    {
        var scenario = ScenarioCatalog.ByName[name];

        var (reference, candidate) = await DifferentialRunner.RunAsync(scenario, AlertmanagerFlavor.Real, AlertmanagerFlavor.Real);

        DifferentialAssert.Agree(scenario, reference, candidate);
    }
}
