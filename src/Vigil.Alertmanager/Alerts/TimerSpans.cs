namespace Vigil.Alertmanager.Alerts;

/// <summary>Timer durations as .NET timers accept them.</summary>
internal static class TimerSpans
{
    /// <summary>The longest due time a .NET timer takes (about 49.7 days).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(0xfffffffe);

    /// <summary>Clamps to [0, <see cref="Max"/>]; a longer configured interval fires at the maximum instead of throwing.</summary>
    public static TimeSpan Clamp(TimeSpan span) =>
        span < TimeSpan.Zero ? TimeSpan.Zero : span > Max ? Max : span;
}
