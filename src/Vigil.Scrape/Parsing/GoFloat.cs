using System.Globalization;

namespace Vigil.Scrape.Parsing;

/// <summary>
/// Parses sample values as upstream does (Go's <c>strconv.ParseFloat</c> without hex floats or underscores):
/// decimal and exponent forms, <c>[+-]Inf</c>/<c>Infinity</c> and <c>NaN</c> in any case. Out-of-range
/// numbers are errors (Go reports a range error where .NET would return infinity).
/// </summary>
internal static class GoFloat
{
    /// <summary>A NaN with the bit pattern Prometheus uses for ordinary NaN (not the staleness marker).</summary>
    public static readonly double NormalNaN = BitConverter.Int64BitsToDouble(0x7ff8000000000001);

    /// <summary>Parses <paramref name="text"/>; returns null with the reason when it is not a valid value.</summary>
    public static string? TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return "empty value";
        }
        if (TrySpecial(text, out value))
        {
            return null;
        }
        foreach (var b in text)
        {
            if (!IsNumberByte(b))
            {
                return "invalid syntax";
            }
        }
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (!double.TryParse(text, style, CultureInfo.InvariantCulture, out value))
        {
            return "invalid syntax";
        }
        return double.IsInfinity(value) ? "value out of range" : null;
    }

    private static bool IsNumberByte(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-';

    private static bool TrySpecial(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var sign = 1.0;
        var rest = text;
        if (rest[0] is (byte)'+' or (byte)'-')
        {
            sign = rest[0] == (byte)'-' ? -1 : 1;
            rest = rest[1..];
        }
        if (EqualsIgnoreCase(rest, "inf"u8) || EqualsIgnoreCase(rest, "infinity"u8))
        {
            value = sign * double.PositiveInfinity;
            return true;
        }
        if (rest.Length == text.Length && EqualsIgnoreCase(rest, "nan"u8))
        {
            value = NormalNaN;
            return true;
        }
        return false;
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerWord)
    {
        if (text.Length != lowerWord.Length)
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] | 0x20) != lowerWord[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Formats as upstream's OpenMetrics float (integers get ".0"), used to normalise <c>le</c> and <c>quantile</c>.</summary>
    public static string FormatOpenMetrics(double f)
    {
        if (double.IsNaN(f))
        {
            return "NaN";
        }
        if (double.IsInfinity(f))
        {
            return f > 0 ? "+Inf" : "-Inf";
        }
        var s = GoShortest(f);
        return s.Contains('e', StringComparison.Ordinal) || s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";
    }

    /// <summary>
    /// Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c>: the shortest round-trip digits, in exponent form when
    /// the decimal exponent is below -4 or at least 6 (so 1e6 prints as <c>1e+06</c>).
    /// </summary>
    private static string GoShortest(double f)
    {
        var shortest = f.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = DigitsAndExponent(shortest);
        var sign = f < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        if (exponent < 0)
        {
            return sign + "0." + new string('0', -exponent - 1) + digits;
        }
        var intLength = exponent + 1;
        return digits.Length <= intLength
            ? sign + digits + new string('0', intLength - digits.Length)
            : sign + digits[..intLength] + "." + digits[intLength..];
    }

    /// <summary>Splits .NET's round-trip text into significant digits and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) DigitsAndExponent(string roundTrip)
    {
        var s = roundTrip.TrimStart('-');
        var exponent = 0;
        var e = s.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(s.AsSpan(e + 1), CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var point = s.IndexOf('.', StringComparison.Ordinal);
        var intPart = point < 0 ? s : s[..point];
        var all = intPart + (point < 0 ? "" : s[(point + 1)..]);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        if (digits.Length == 0)
        {
            return ("0", 0);
        }
        return (digits, exponent + intPart.Length - 1 - leadingZeros);
    }
}
