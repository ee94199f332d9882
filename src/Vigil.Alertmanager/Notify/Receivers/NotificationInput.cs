using Vigil.Alertmanager.Templates;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>What one receiver integration needs to send one notification of a group.</summary>
/// <param name="Receiver">The receiver's configured name.</param>
/// <param name="GroupKey">The group key (Alertmanager's format).</param>
/// <param name="GroupLabels">The group's labels.</param>
/// <param name="Alerts">The alerts to send.</param>
/// <param name="Now">The time that decides firing versus resolved.</param>
/// <param name="ExternalUrl">The external URL for this notification; empty means the templates' one.</param>
public sealed record NotificationInput(
    string Receiver,
    string GroupKey,
    LabelSet GroupLabels,
    IReadOnlyList<Alert> Alerts,
    DateTimeOffset Now,
    string ExternalUrl = "")
{
    /// <summary>This notification's external URL, or the one <paramref name="templates"/> were loaded with.</summary>
    public string ExternalUrlOr(ITemplateRenderer templates) => ExternalUrl.Length > 0 ? ExternalUrl.TrimEnd('/') : templates.ExternalUrl;
}
