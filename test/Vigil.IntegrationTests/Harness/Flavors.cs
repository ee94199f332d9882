namespace Vigil.IntegrationTests.Harness;

/// <summary>Theory rows for tests that run the same steps against each Alertmanager implementation:
/// the real 0.25 row proves the test, the Vigil row proves Vigil.</summary>
public static class Flavors
{
    // Vigil joins this list (branch integration-pending) once `vigil alertmanager` has landed on main;
    // main stays green meanwhile, and the report says which rows wait for it.
    public static IReadOnlyList<AlertmanagerFlavor> List { get; } = [AlertmanagerFlavor.Real];

    public static TheoryData<AlertmanagerFlavor> All => [.. List];
}
