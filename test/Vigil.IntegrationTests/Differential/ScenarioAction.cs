namespace Vigil.IntegrationTests.Differential;

/// <summary>Something a scenario does to one side at <see cref="At"/> after the start, other than posting
/// alerts: create or expire a silence, record what the API says about the alerts. Run on both sides at once.</summary>
/// <param name="At">Offset from the scenario start.</param>
/// <param name="What">A short description, for failure messages.</param>
/// <param name="Run">The action against one side.</param>
public sealed record ScenarioAction(TimeSpan At, string What, Func<ScenarioSide, Task> Run);
