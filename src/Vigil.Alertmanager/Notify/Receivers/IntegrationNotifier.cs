using Vigil.Model;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>Plugs a receiver integration into the notification pipeline as an <see cref="INotifier"/>.</summary>
public sealed class IntegrationNotifier : INotifier
{
    private readonly IReceiverIntegration _integration;

    /// <summary>Wraps <paramref name="integration"/>.</summary>
    public IntegrationNotifier(IReceiverIntegration integration) => _integration = integration;

    /// <summary>The wrapped integration.</summary>
    public IReceiverIntegration Integration => _integration;

    /// <inheritdoc />
    public async Task<NotifyResult> NotifyAsync(NotificationContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var input = new NotificationInput(context.ReceiverName, context.GroupKey, context.GroupLabels, alerts, context.Now, context.ExternalUrl);
        var answer = await _integration.SendAsync(input, cancellationToken);
        return ToResult(answer);
    }

    /// <summary>Converts a delivery answer to the pipeline's result.</summary>
    public static NotifyResult ToResult(DeliveryAnswer answer) => new()
    {
        Success = answer.Success,
        Retry = !answer.Success && answer.Retry,
        Reason = answer.Reason,
        StatusCode = answer.StatusCode,
        Answer = answer.Answer,
        RetryAfter = answer.RetryAfter,
        Meaning = answer.Meaning.Length > 0 ? answer.Meaning : null,
    };
}
