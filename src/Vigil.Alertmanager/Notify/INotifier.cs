using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Delivers one notification (one group's alerts) to one integration of a receiver: a Slack
/// channel, a webhook URL, ... Implementations turn every outcome into a <see cref="NotifyResult"/>
/// rather than throwing; the retry stage decides what happens next from it.
/// </summary>
public interface INotifier
{
    /// <summary>
    /// Sends <paramref name="alerts"/> once. The pipeline has already removed muted alerts and,
    /// when the integration does not send resolved notifications, resolved ones.
    /// </summary>
    /// <param name="context">The group, receiver and integration this notification belongs to.</param>
    /// <param name="alerts">The alerts to send; never empty.</param>
    /// <param name="cancellationToken">Cancelled when the group's next flush or a timeout supersedes this one.</param>
    /// <returns>Success, or a failure that says whether retrying may help.</returns>
    Task<NotifyResult> NotifyAsync(NotificationContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);
}
