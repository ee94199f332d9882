using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// One step of the notification pipeline: takes the alerts left by the previous step and passes
/// on those the next one should see.
/// </summary>
public interface INotifyStage
{
    /// <summary>Runs the step.</summary>
    /// <param name="context">The flush being processed; per-integration state is filled in by the fan-out.</param>
    /// <param name="alerts">The alerts still in play.</param>
    /// <param name="cancellationToken">Cancelled when the flush is superseded or times out.</param>
    Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);
}

/// <summary>What a stage hands on: the remaining alerts, and whether anything failed.</summary>
/// <param name="Alerts">The alerts for the next stage; empty stops the chain without failing.</param>
/// <param name="Succeeded">False when the stage failed; the flush then reports failure to the dispatcher.</param>
public readonly record struct StageResult(IReadOnlyList<Alert> Alerts, bool Succeeded)
{
    /// <summary>Continue with these alerts.</summary>
    public static StageResult Continue(IReadOnlyList<Alert> alerts) => new(alerts, true);

    /// <summary>Nothing more to do, and that is fine.</summary>
    public static StageResult Done { get; } = new([], true);

    /// <summary>The stage failed.</summary>
    public static StageResult Failed { get; } = new([], false);
}
