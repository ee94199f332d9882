using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>What one receiver integration needs to send one notification of a group.</summary>
/// <param name="Receiver">The receiver's configured name.</param>
/// <param name="GroupKey">The group key (Alertmanager's format).</param>
/// <param name="GroupLabels">The group's labels.</param>
/// <param name="Alerts">The alerts to send.</param>
/// <param name="Now">The time that decides firing versus resolved.</param>
public sealed record NotificationInput(
    string Receiver,
    string GroupKey,
    LabelSet GroupLabels,
    IReadOnlyList<Alert> Alerts,
    DateTimeOffset Now);
