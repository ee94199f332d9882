namespace Vigil.IntegrationTests.Harness;

/// <summary>Theory rows for tests that run the same steps against each Alertmanager implementation:
/// the real 0.25 row proves the test, the Vigil row proves Vigil.</summary>
public static class Flavors
{
    public static IReadOnlyList<AlertmanagerFlavor> List { get; } = [AlertmanagerFlavor.Real, AlertmanagerFlavor.Vigil];

    public static TheoryData<AlertmanagerFlavor> All => [.. List];
}
