using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Waits before an integration's dedup check. In an Alertmanager cluster each peer waits in
/// proportion to its position so that the first peer's notification log entry reaches the others
/// before they decide; a single Vigil waits nothing, and the builder leaves this stage out unless
/// a wait is configured. Kept as a stage so clustering can plug in without reshaping the pipeline.
/// </summary>
/// <param name="wait">How long to wait now (it may change as peers join and leave).</param>
/// <param name="time">The clock to wait on.</param>
public sealed class WaitStage(Func<TimeSpan> wait, TimeProvider time) : INotifyStage
{
    /// <inheritdoc />
    public async Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var delay = wait();
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return StageResult.Failed;
            }
        }

        return StageResult.Continue(alerts);
    }
}
