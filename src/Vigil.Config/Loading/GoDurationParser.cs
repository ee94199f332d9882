using System.Globalization;

namespace Vigil.Config.Loading;

/// <summary>
/// Go's <c>time.ParseDuration</c> format (receiver <c>timeout</c> fields are Go durations, not
/// Prometheus ones): signed decimal numbers with units ns, us, µs, ms, s, m, h, e.g. <c>1m30.5s</c>.
/// </summary>
public static class GoDurationParser
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.StartsWith('+') || text.StartsWith('-') ? text[1..] : text;
        if (s == "0")
        {
            return true;
        }
        double ticks = 0;
        var pos = 0;
        while (pos < s.Length)
        {
            if (!TryTerm(s, ref pos, out var t))
            {
                return false;
            }
            ticks += t;
        }
        value = TimeSpan.FromTicks((long)(text.StartsWith('-') ? -ticks : ticks));
        return s.Length > 0;
    }

    private static bool TryTerm(string s, ref int pos, out double ticks)
    {
        ticks = 0;
        var start = pos;
        while (pos < s.Length && (char.IsAsciiDigit(s[pos]) || s[pos] == '.'))
        {
            pos++;
        }
        if (!double.TryParse(s.AsSpan(start, pos - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }
        foreach (var (unit, per) in Units.OrderByDescending(u => u.Unit.Length))
        {
            if (s.AsSpan(pos).StartsWith(unit, StringComparison.Ordinal))
            {
                pos += unit.Length;
                ticks = n * per;
                return true;
            }
        }
        return false;
    }
}
