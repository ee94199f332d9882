using System.Globalization;
using System.Text;

namespace Vigil.Model.Time;

/// <summary>
/// Prometheus durations (<c>model.Duration</c>): units y, w, d, h, m, s, ms, largest first, each at
/// most once, e.g. <c>1h30m</c>; a bare <c>0</c> is zero. A year is 365 days.
/// </summary>
public static class PromDuration
{
    private static readonly (string Unit, long Millis)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000L),
        ("ms", 1L),
    ];

    /// <summary>Parses a duration; throws <see cref="FormatException"/> explaining the expected form.</summary>
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var value, out var error))
        {
            return value;
        }
        throw new FormatException(error);
    }

    /// <summary>Parses a duration without throwing.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (text.Length == 0)
        {
            error = "empty duration string";
            return false;
        }
        if (text == "0")
        {
            return true;
        }
        long total = 0;
        var pos = 0;
        var nextUnit = 0;
        while (pos < text.Length)
        {
            if (!TryReadTerm(text, ref pos, ref nextUnit, out var millis))
            {
                error = $"not a valid duration string: {GoString.Quote(text)} (expected e.g. 30s, 5m, 1h30m, 2d; units y w d h m s ms, largest first)";
                return false;
            }
            total = checked(total + millis);
        }
        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    private static bool TryReadTerm(string text, ref int pos, ref int nextUnit, out long millis)
    {
        millis = 0;
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        if (pos == start || !long.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }
        for (var u = nextUnit; u < Units.Length; u++)
        {
            var unit = Units[u].Unit;
            var matches = text.AsSpan(pos).StartsWith(unit, StringComparison.Ordinal)
                && !(unit == "m" && text.AsSpan(pos).StartsWith("ms", StringComparison.Ordinal));
            if (matches)
            {
                pos += unit.Length;
                nextUnit = u + 1;
                millis = checked(n * Units[u].Millis);
                return true;
            }
        }
        return false;
    }

    /// <summary>Formats as Prometheus does: <c>0s</c>, <c>5m</c>, <c>1h30m</c>, <c>90d</c>; years and weeks only when exact.</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }
        var sb = new StringBuilder();
        if (ms < 0)
        {
            sb.Append('-');
            ms = -ms;
        }
        foreach (var (unit, mult) in Units)
        {
            var exactOnly = unit is "y" or "w";
            if (exactOnly && ms % mult != 0)
            {
                continue;
            }
            var v = ms / mult;
            if (v > 0)
            {
                sb.Append(v.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms -= v * mult;
            }
        }
        return sb.ToString();
    }
}
