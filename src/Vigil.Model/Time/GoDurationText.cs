using System.Globalization;
using System.Text;

namespace Vigil.Model.Time;

/// <summary>
/// Go's <c>time.Duration.String()</c>, exact to the nanosecond: <c>0s</c>, <c>1h2m3.5s</c>, <c>1m0s</c>, <c>1.5ms</c>,
/// <c>250µs</c>. Upstream prints durations this way in template output, promtool messages and metric labels
/// (<c>prometheus_target_interval_length_seconds{interval="1m0s"}</c>), so every place that must match uses this one.
/// </summary>
public static class GoDurationText
{
    private static readonly UInt128 NanosPerSecond = 1_000_000_000UL;

    /// <summary>The text Go prints for <paramref name="d"/>.</summary>
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return "0s";
        }
        var sb = new StringBuilder();
        if (d < TimeSpan.Zero)
        {
            sb.Append('-');
        }
        // Ticks are 100 ns; TimeSpan reaches further than Go's int64 nanoseconds, so count in 128 bits.
        var nanos = (UInt128)Int128.Abs(d.Ticks) * 100;
        return nanos < NanosPerSecond ? AppendSubSecond(sb, nanos) : AppendClock(sb, nanos);
    }

    private static string AppendSubSecond(StringBuilder sb, UInt128 nanos) => (ulong)nanos switch
    {
        < 1_000UL => sb.Append((ulong)nanos).Append("ns").ToString(),
        < 1_000_000UL => AppendFixed(sb, nanos, 3).Append("µs").ToString(),
        _ => AppendFixed(sb, nanos, 6).Append("ms").ToString(),
    };

    private static string AppendClock(StringBuilder sb, UInt128 nanos)
    {
        var seconds = nanos / NanosPerSecond;
        var hours = seconds / 3600;
        var minutes = seconds / 60 % 60;
        if (hours > 0)
        {
            sb.Append(Text(hours)).Append('h');
        }
        if (hours > 0 || minutes > 0)
        {
            sb.Append(Text(minutes)).Append('m');
        }
        sb.Append(Text(seconds % 60));
        AppendFraction(sb, (ulong)(nanos % NanosPerSecond), 9);
        return sb.Append('s').ToString();
    }

    // A whole part and a fraction of `digits` decimal places, trailing zeros dropped (Go's fmtFrac).
    private static StringBuilder AppendFixed(StringBuilder sb, UInt128 value, int digits)
    {
        var scale = (ulong)Math.Pow(10, digits);
        sb.Append(Text(value / scale));
        AppendFraction(sb, (ulong)(value % scale), digits);
        return sb;
    }

    private static string Text(UInt128 value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AppendFraction(StringBuilder sb, ulong fraction, int digits)
    {
        if (fraction != 0)
        {
            sb.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0'));
        }
    }
}
