using System.Globalization;
using System.Text;

namespace Vigil.Scrape.Loop;

/// <summary>
/// Go's <c>time.Duration.String()</c> (<c>15s</c>, <c>1m0s</c>, <c>1h30m0s</c>, <c>500ms</c>, <c>1.5s</c>): upstream labels
/// <c>prometheus_target_interval_length_seconds</c> with the interval written this way, and dashboards select on it.
/// </summary>
internal static class GoDurationText
{
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return "0s";
        }
        var sign = d < TimeSpan.Zero ? "-" : "";
        var ticks = Math.Abs(d.Ticks);
        if (ticks < TimeSpan.TicksPerSecond)
        {
            return sign + SubSecond(ticks);
        }
        var sb = new StringBuilder(sign);
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        if (hours > 0)
        {
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }
        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }
        var seconds = ticks % TimeSpan.TicksPerMinute / (double)TimeSpan.TicksPerSecond;
        return sb.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('s').ToString();
    }

    private static string SubSecond(long ticks)
    {
        // A tick is 100ns; Go picks ms, µs or ns by size and keeps the fraction.
        var (value, unit) = ticks >= TimeSpan.TicksPerMillisecond ? (ticks / (double)TimeSpan.TicksPerMillisecond, "ms")
            : ticks >= 10 ? (ticks / 10.0, "µs")
            : (ticks * 100.0, "ns");
        return value.ToString("0.#######", CultureInfo.InvariantCulture) + unit;
    }
}
