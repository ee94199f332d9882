using Vigil.Model.Labels;

namespace Vigil.Rules.Evaluation;

/// <summary>The state of one alert instance; the order matters (a rule reports its highest state).</summary>
public enum AlertState
{
    /// <summary>Not active: resolved, kept only so the resolution is resent.</summary>
    Inactive,

    /// <summary>The condition holds but not yet for the rule's <c>for</c> duration.</summary>
    Pending,

    /// <summary>The condition has held long enough; the alert is sent.</summary>
    Firing,
}

/// <summary>One alert instance of an alerting rule (one per output label set).</summary>
public sealed class Alert
{
    /// <summary>The identifying labels: series labels without the name, rule labels, <c>alertname</c>.</summary>
    public required LabelSet Labels { get; init; }

    /// <summary>The expanded annotations of the latest evaluation.</summary>
    public LabelSet Annotations { get; set; } = LabelSet.Empty;

    /// <summary>The current state.</summary>
    public AlertState State { get; set; }

    /// <summary>The sample value of the latest evaluation that returned this alert.</summary>
    public double Value { get; set; }

    /// <summary>When the condition first held (the alert became pending).</summary>
    public DateTimeOffset ActiveAt { get; set; }

    /// <summary>When the alert started firing; default while pending.</summary>
    public DateTimeOffset FiredAt { get; set; }

    /// <summary>When the alert was resolved; default while active.</summary>
    public DateTimeOffset ResolvedAt { get; set; }

    /// <summary>When the alert was last handed to the notifier.</summary>
    public DateTimeOffset LastSentAt { get; set; }

    /// <summary>The <c>endsAt</c> sent with a firing alert: if not resent by then, Alertmanager resolves it.</summary>
    public DateTimeOffset ValidUntil { get; set; }

    /// <summary>Since when a firing alert has been kept firing by <c>keep_firing_for</c> without its condition.</summary>
    public DateTimeOffset KeepFiringSince { get; set; }

    /// <summary>The state as upstream writes it in the <c>alertstate</c> label and the API.</summary>
    public static string StateName(AlertState state) => state switch
    {
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        _ => "inactive",
    };

    /// <summary>A copy, so what is handed to the notifier does not change under it.</summary>
    public Alert Snapshot() => (Alert)MemberwiseClone();

    /// <summary>
    /// Pending alerts are never sent; a resolution not yet sent is sent at once; otherwise the alert is
    /// resent once the resend delay has passed since the last send.
    /// </summary>
    internal bool NeedsSending(DateTimeOffset now, TimeSpan resendDelay)
    {
        if (State == AlertState.Pending)
        {
            return false;
        }
        if (ResolvedAt > LastSentAt)
        {
            return true;
        }
        return LastSentAt + resendDelay < now;
    }
}
