namespace Vigil.Alertmanager.Notify;

/// <summary>
/// One configured destination of a receiver, e.g. the second <c>slack_configs</c> entry of
/// receiver <c>team-a</c>. The receiver factory builds these from a receiver's config.
/// </summary>
/// <param name="ReceiverName">The receiver it belongs to.</param>
/// <param name="Name">The integration kind as Alertmanager names it: <c>slack</c>, <c>webhook</c>, ...</param>
/// <param name="Index">Its position among the receiver's configs of the same kind (0-based).</param>
/// <param name="Notifier">What delivers notifications.</param>
/// <param name="SendResolved">Whether resolved alerts are sent (the config's <c>send_resolved</c>).</param>
public sealed record Integration(string ReceiverName, string Name, int Index, INotifier Notifier, bool SendResolved)
{
    /// <summary>
    /// The key the notification log files this integration's entries under; stable across
    /// reloads as long as the receiver keeps its name and the config its position.
    /// </summary>
    public string Key => $"{ReceiverName}/{Name}/{Index}";

    /// <inheritdoc />
    public override string ToString() => $"{Name}[{Index}] of receiver {ReceiverName}";
}
