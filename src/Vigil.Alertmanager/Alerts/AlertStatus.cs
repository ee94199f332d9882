namespace Vigil.Alertmanager.Alerts;

/// <summary>Processing state of an alert, as API v2 reports it.</summary>
public enum AlertState
{
    /// <summary>Received but not yet seen by the pipeline.</summary>
    Unprocessed,
    /// <summary>Not muted.</summary>
    Active,
    /// <summary>Muted by a silence, an inhibition or a time interval.</summary>
    Suppressed,
}

/// <summary>The status of one alert: state plus what mutes it.</summary>
public sealed record AlertStatus(
    AlertState State,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string> InhibitedBy,
    IReadOnlyList<string> MutedBy)
{
    /// <summary>The status of an alert nothing has looked at yet.</summary>
    public static AlertStatus Unprocessed { get; } = new(AlertState.Unprocessed, [], [], []);
}
