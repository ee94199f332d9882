using System.Globalization;
using System.Numerics;
using System.Text;

namespace Vigil.Templating.Formatting;

/// <summary>
/// Go's <c>strconv.FormatFloat</c> for the 'e', 'f' and 'g' formats, built on .NET's exact
/// round-trip and fixed-precision formatting for the digits and Go's rules for the layout.
/// </summary>
internal static class GoFloat
{
    /// <summary>Formats <paramref name="v"/>; <paramref name="prec"/> -1 means the shortest exact representation.</summary>
    public static string Format(double v, char fmt, int prec, bool isFloat32 = false)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }
        if (double.IsInfinity(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }
        var neg = v < 0 || (v == 0 && double.IsNegative(v));
        var a = Math.Abs(v);
        var lower = char.ToLowerInvariant(fmt);
        var body = lower switch
        {
            'e' => FormatE(a, prec, isFloat32),
            'f' => FormatF(a, prec, isFloat32),
            _ => FormatG(a, prec, isFloat32),
        };
        if (char.IsUpper(fmt))
        {
            body = body.ToUpperInvariant();
        }
        return neg ? "-" + body : body;
    }

    private static string FormatE(double a, int prec, bool f32)
    {
        var (digits, dp) = prec < 0 ? Shortest(a, f32) : Rounded(a, prec + 1);
        return AppendE(digits, dp, prec < 0 ? digits.Length - 1 : prec);
    }

    private static string FormatF(double a, int prec, bool f32)
    {
        if (prec >= 0)
        {
            var (exact, exactDp) = Exact(a);
            var (rounded, roundedDp) = Round(exact, exactDp, exactDp + prec);
            return AppendF(rounded, roundedDp, prec);
        }
        var (digits, dp) = Shortest(a, f32);
        return AppendF(digits, dp, Math.Max(digits.Length - dp, 0));
    }

    private static string FormatG(double a, int prec, bool f32)
    {
        var shortest = prec < 0;
        if (prec == 0)
        {
            prec = 1;
        }
        var (digits, dp) = shortest ? Shortest(a, f32) : Rounded(a, prec);
        digits = TrimZeros(digits);
        if (digits.Length == 0)
        {
            digits = "0";
            dp = 1;
        }
        if (shortest)
        {
            prec = digits.Length;
        }
        var eprec = prec;
        if (eprec > digits.Length && digits.Length >= dp)
        {
            eprec = digits.Length;
        }
        if (shortest)
        {
            eprec = 6;
        }
        var exp = dp - 1;
        if (exp < -4 || exp >= eprec)
        {
            return AppendE(digits, dp, Math.Min(prec, digits.Length) - 1);
        }
        if (prec > dp)
        {
            prec = digits.Length;
        }
        return AppendF(digits, dp, Math.Max(prec - dp, 0));
    }

    /// <summary>Significant digits (no leading zeros) and the decimal point position, shortest round-trip.</summary>
    private static (string Digits, int Dp) Shortest(double a, bool f32)
    {
        var text = f32 ? ((float)a).ToString("R", CultureInfo.InvariantCulture) : a.ToString("R", CultureInfo.InvariantCulture);
        return Decompose(text);
    }

    /// <summary>Digits rounded to <paramref name="significant"/> significant figures.</summary>
    private static (string Digits, int Dp) Rounded(double a, int significant)
    {
        var (digits, dp) = Exact(a);
        return Round(digits, dp, significant);
    }

    /// <summary>The exact decimal expansion of a finite non-negative double.</summary>
    private static (string Digits, int Dp) Exact(double a)
    {
        if (a == 0)
        {
            return ("0", 1);
        }
        var bits = BitConverter.DoubleToInt64Bits(a);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }
        exponent -= 1075;
        string digits;
        int dp;
        if (exponent >= 0)
        {
            digits = (new BigInteger(mantissa) << exponent).ToString(CultureInfo.InvariantCulture);
            dp = digits.Length;
        }
        else
        {
            digits = (new BigInteger(mantissa) * BigInteger.Pow(5, -exponent)).ToString(CultureInfo.InvariantCulture);
            dp = digits.Length + exponent;
        }
        var trimmed = digits.TrimEnd('0');
        return (trimmed.Length == 0 ? "0" : trimmed, dp);
    }

    /// <summary>Rounds to <paramref name="nd"/> digits as Go's decimal does: half to even only on exact ties.</summary>
    private static (string Digits, int Dp) Round(string digits, int dp, int nd)
    {
        if (nd < 0 || nd >= digits.Length)
        {
            return nd < 0 ? ("0", 1) : (digits, dp);
        }
        var up = digits[nd] > '5' || (digits[nd] == '5' && (nd + 1 < digits.Length || (nd > 0 && (digits[nd - 1] - '0') % 2 == 1)));
        if (!up)
        {
            var kept = digits[..nd].TrimEnd('0');
            return kept.Length == 0 ? ("0", 1) : (kept, dp);
        }
        var chars = digits[..nd].ToCharArray();
        var i = nd - 1;
        while (i >= 0 && chars[i] == '9')
        {
            i--;
        }
        if (i < 0)
        {
            return ("1", dp + 1);
        }
        chars[i]++;
        return (new string(chars, 0, i + 1), dp);
    }

    private static (string Digits, int Dp) Decompose(string text)
    {
        var exp = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intLen = dot < 0 ? text.Length : dot;
        var digits = text.Replace(".", "", StringComparison.Ordinal);
        var dp = intLen + exp;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }
        if (digits.All(c => c == '0'))
        {
            return ("0", 1);
        }
        return (digits[lead..], dp - lead);
    }

    private static string TrimZeros(string digits) => digits == "0" ? digits : digits.TrimEnd('0');

    private static string AppendE(string digits, int dp, int prec)
    {
        var sb = new StringBuilder();
        sb.Append(digits.Length > 0 ? digits[0] : '0');
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        var exp = digits == "0" ? 0 : dp - 1;
        sb.Append('e').Append(exp < 0 ? '-' : '+');
        var abs = Math.Abs(exp);
        sb.Append(abs < 10 ? "0" : "").Append(abs.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string AppendF(string digits, int dp, int prec)
    {
        var sb = new StringBuilder();
        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 0; i < prec; i++)
            {
                var j = dp + i;
                sb.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }
        return sb.ToString();
    }
}
