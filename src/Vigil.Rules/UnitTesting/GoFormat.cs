using System.Globalization;
using System.Text;

namespace Vigil.Rules.UnitTesting;

/// <summary>Go's renderings that promtool's messages contain, so failures read the same.</summary>
internal static class GoFormat
{
    /// <summary>Go's <c>time.Duration.String()</c>: <c>0s</c>, <c>1m0s</c>, <c>1h2m3.5s</c>, <c>500ms</c>.</summary>
    public static string Duration(TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return "0s";
        }
        var sb = new StringBuilder();
        if (d < TimeSpan.Zero)
        {
            sb.Append('-');
            d = d.Negate();
        }
        if (d < TimeSpan.FromSeconds(1))
        {
            return sb.Append((d.Ticks / 10_000.0).ToString(CultureInfo.InvariantCulture)).Append("ms").ToString();
        }
        var hours = (long)d.TotalHours;
        if (hours > 0)
        {
            sb.Append(hours).Append('h');
        }
        if (hours > 0 || d.Minutes > 0)
        {
            sb.Append(d.Minutes).Append('m');
        }
        var seconds = d.Seconds + (d.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        return sb.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('s').ToString();
    }

    /// <summary>Go's <c>strconv.FormatFloat(v, 'E', -1, 64)</c>: shortest digits, <c>3E+00</c>, <c>1.5E-07</c>.</summary>
    public static string FloatE(double v)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }
        if (double.IsInfinity(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }
        // "E16" is not shortest; round-trip digits from "R" are, so rebuild the exponent form from them.
        var r = v.ToString("E16", CultureInfo.InvariantCulture);
        var shortest = v.ToString("R", CultureInfo.InvariantCulture);
        var digits = new string(shortest.TakeWhile(c => c != 'E').Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        if (digits.Length == 0)
        {
            return v < 0 || double.IsNegative(v) ? "-0E+00" : "0E+00";
        }
        var exponent = int.Parse(r[(r.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        digits = digits.TrimEnd('0');
        var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        var sign = v < 0 ? "-" : "";
        return $"{sign}{mantissa}E{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }
}
