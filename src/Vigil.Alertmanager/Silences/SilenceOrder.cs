namespace Vigil.Alertmanager.Silences;

/// <summary>The order API v2 lists silences in, as upstream's <c>SortSilences</c>.</summary>
public static class SilenceOrder
{
    /// <summary>
    /// Active first (ending soonest first), then pending (starting soonest first), then expired
    /// (ended most recently first).
    /// </summary>
    public static IReadOnlyList<Silence> ForApi(IEnumerable<Silence> silences, DateTimeOffset now) =>
        [.. silences
            .OrderBy(s => Rank(s.StateAt(now)))
            .ThenBy(s => Key(s, now))];

    private static int Rank(SilenceState state) => state switch
    {
        SilenceState.Active => 0,
        SilenceState.Pending => 1,
        _ => 2,
    };

    private static long Key(Silence s, DateTimeOffset now) => s.StateAt(now) switch
    {
        SilenceState.Active => s.EndsAt.UtcTicks,
        SilenceState.Pending => s.StartsAt.UtcTicks,
        _ => -s.EndsAt.UtcTicks,
    };
}
