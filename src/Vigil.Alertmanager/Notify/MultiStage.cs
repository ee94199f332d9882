using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>Runs stages one after another; stops early when no alerts are left or a stage fails.</summary>
public sealed class MultiStage(IReadOnlyList<INotifyStage> stages) : INotifyStage
{
    /// <summary>The stages in order.</summary>
    public IReadOnlyList<INotifyStage> Stages { get; } = stages;

    /// <inheritdoc />
    public async Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var current = StageResult.Continue(alerts);
        foreach (var stage in Stages)
        {
            if (current.Alerts.Count == 0)
            {
                return StageResult.Done;
            }

            current = await stage.ExecuteAsync(context, current.Alerts, cancellationToken);
            if (!current.Succeeded)
            {
                return StageResult.Failed;
            }
        }

        return current;
    }
}
