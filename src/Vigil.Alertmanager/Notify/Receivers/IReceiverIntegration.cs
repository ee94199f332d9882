namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>One configured integration of a receiver (one <c>slack_configs</c> or <c>webhook_configs</c> entry), able to send.</summary>
public interface IReceiverIntegration
{
    /// <summary>The kind, as upstream names it in metrics and logs: <c>slack</c>, <c>webhook</c>.</summary>
    string Kind { get; }

    /// <summary>The position within the receiver's list of that kind.</summary>
    int Index { get; }

    /// <summary>Whether resolved notifications are wanted.</summary>
    bool SendResolved { get; }

    /// <summary>Sends one notification; delivery failures come back as a failed answer, not an exception.</summary>
    Task<DeliveryAnswer> SendAsync(NotificationInput input, CancellationToken cancellationToken);
}
