namespace Vigil.Alertmanager.Notify;

/// <summary>Why the dedup stage decided to notify (or not).</summary>
public enum NotifyReason
{
    /// <summary>Nothing new and the repeat interval has not passed.</summary>
    DoNotNotify,

    /// <summary>The integration has not notified about this group (or its last word was "all resolved").</summary>
    FirstNotification,

    /// <summary>Alerts fire that the last notification did not mention as firing.</summary>
    NewAlertsInGroup,

    /// <summary>Alerts resolved since the last notification (integrations with send_resolved only).</summary>
    NewResolvedAlerts,

    /// <summary>Everything resolved after a notification with firing alerts.</summary>
    AllAlertsResolved,

    /// <summary>Nothing changed, but the repeat interval has passed.</summary>
    RepeatIntervalElapsed,

    /// <summary>Not decided yet.</summary>
    Unknown,
}

/// <summary>Texts for <see cref="NotifyReason"/>, as Alertmanager words them.</summary>
public static class NotifyReasons
{
    /// <summary>Whether the reason means a notification goes out.</summary>
    public static bool ShouldNotify(this NotifyReason reason) => reason != NotifyReason.DoNotNotify;

    /// <summary>The human text of a reason.</summary>
    public static string ToText(this NotifyReason reason) => reason switch
    {
        NotifyReason.DoNotNotify => "none",
        NotifyReason.FirstNotification => "first notification",
        NotifyReason.NewAlertsInGroup => "new alerts added",
        NotifyReason.NewResolvedAlerts => "some alerts resolved",
        NotifyReason.AllAlertsResolved => "all alerts resolved",
        NotifyReason.RepeatIntervalElapsed => "repeat interval elapsed",
        _ => "unknown",
    };
}
