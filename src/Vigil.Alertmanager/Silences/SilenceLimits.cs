namespace Vigil.Alertmanager.Silences;

/// <summary>
/// Upstream's <c>--silences.max-silences</c> and <c>--silences.max-silence-size-bytes</c>:
/// zero or negative means no limit.
/// </summary>
public sealed record SilenceLimits(long MaxSilences = 0, long MaxSilenceSizeBytes = 0)
{
    /// <summary>No limits (the flags' defaults).</summary>
    public static SilenceLimits None { get; } = new();
}
