namespace Vigil.Scrape.Loop;

/// <summary>Whether the last scrape of a target worked.</summary>
public enum HealthState
{
    /// <summary>Not scraped yet.</summary>
    Unknown,

    /// <summary>The last scrape succeeded.</summary>
    Up,

    /// <summary>The last scrape failed; see <see cref="TargetHealth.LastError"/>.</summary>
    Down,
}

/// <summary>A target's state after its last scrape, as <c>/api/v1/targets</c> reports it.</summary>
/// <param name="Health">Up, down or unknown.</param>
/// <param name="LastScrape">When the last scrape started; null before the first.</param>
/// <param name="LastDuration">How long it took.</param>
/// <param name="LastError">Why it failed; empty when it worked.</param>
/// <param name="LastSamples">Samples appended by the last scrape (after metric relabelling).</param>
public readonly record struct TargetHealth(HealthState Health, DateTimeOffset? LastScrape, TimeSpan LastDuration, string LastError, int LastSamples)
{
    /// <summary>The state before the first scrape.</summary>
    public static TargetHealth Initial { get; } = new(HealthState.Unknown, null, TimeSpan.Zero, "", 0);
}
