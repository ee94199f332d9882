namespace Vigil.Alertmanager.Silences;

/// <summary>Where a silence is in its life, as the API reports it.</summary>
public enum SilenceState
{
    /// <summary>Starts in the future.</summary>
    Pending,

    /// <summary>Mutes matching alerts now.</summary>
    Active,

    /// <summary>Ended; kept until retention passes.</summary>
    Expired,
}

/// <summary>The API spelling of <see cref="SilenceState"/>.</summary>
public static class SilenceStateExtensions
{
    /// <summary>"pending", "active" or "expired".</summary>
    public static string ToApiString(this SilenceState state) => state switch
    {
        SilenceState.Pending => "pending",
        SilenceState.Active => "active",
        _ => "expired",
    };
}
