using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Runs one branch per integration of a receiver, all at once, so a slow or failing integration
/// does not hold up the others. Succeeds only if every branch succeeded.
/// </summary>
public sealed class FanoutStage(IReadOnlyList<(Integration Integration, INotifyStage Branch)> branches) : INotifyStage
{
    /// <summary>The integrations and their branches.</summary>
    public IReadOnlyList<(Integration Integration, INotifyStage Branch)> Branches { get; } = branches;

    /// <inheritdoc />
    public async Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var runs = Branches.Select(b => b.Branch.ExecuteAsync(context.ForIntegration(b.Integration), alerts, cancellationToken));
        var results = await Task.WhenAll(runs);
        return new StageResult(alerts, results.All(r => r.Succeeded));
    }
}
