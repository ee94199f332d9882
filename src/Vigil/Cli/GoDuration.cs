using System.Globalization;

namespace Vigil.Cli;

/// <summary>
/// Go's <c>time.ParseDuration</c> syntax, which kingpin uses for duration flags: a sequence of
/// decimal numbers each with a unit (ns, us, µs, ms, s, m, h), e.g. <c>1h30m</c> or <c>1.5s</c>.
/// Unlike Prometheus durations, days are not a unit here.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses <paramref name="text"/>; false when it is not a Go duration.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.AsSpan();
        var sign = 1.0;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }
        if (s.SequenceEqual("0"))
        {
            return true;
        }
        if (s.IsEmpty)
        {
            return false;
        }
        double ticks = 0;
        while (!s.IsEmpty)
        {
            if (!TryTerm(ref s, out var termTicks))
            {
                return false;
            }
            ticks += termTicks;
        }
        value = TimeSpan.FromTicks((long)(sign * ticks));
        return true;
    }

    private static bool TryTerm(ref ReadOnlySpan<char> s, out double ticks)
    {
        ticks = 0;
        var n = 0;
        while (n < s.Length && (char.IsAsciiDigit(s[n]) || s[n] == '.'))
        {
            n++;
        }
        if (n == 0 || !double.TryParse(s[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        s = s[n..];
        foreach (var (unit, unitTicks) in Units.OrderByDescending(u => u.Unit.Length))
        {
            if (s.StartsWith(unit, StringComparison.Ordinal))
            {
                s = s[unit.Length..];
                ticks = number * unitTicks;
                return true;
            }
        }
        return false;
    }
}
