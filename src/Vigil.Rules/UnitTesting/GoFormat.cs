using System.Globalization;

namespace Vigil.Rules.UnitTesting;

/// <summary>Go's renderings that promtool's messages contain, so failures read the same.</summary>
internal static class GoFormat
{
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
