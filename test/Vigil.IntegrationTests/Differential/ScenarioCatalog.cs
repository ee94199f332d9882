namespace Vigil.IntegrationTests.Differential;

/// <summary>Every differential scenario, by name (xunit theory rows are the names, so test names read well).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyDictionary<string, Scenario> ByName { get; } =
        RoutingScenarios.All
            .Concat(GroupingScenarios.All)
            .Concat(DeliveryScenarios.All)
            .Concat(SlackScenarios.All)
            .Concat(InhibitionScenarios.All)
            .Concat(SilenceScenarios.All)
            .Concat(TimeIntervalScenarios.All)
            .ToDictionary(s => s.Name);

    public static TheoryData<string> Names => [.. ByName.Keys];
}
