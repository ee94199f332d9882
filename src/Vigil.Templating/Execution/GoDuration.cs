using System.Globalization;
using System.Text;

namespace Vigil.Templating.Execution;

/// <summary>Go's <c>time.Duration.String()</c>: <c>1h2m3.5s</c>, <c>1.5ms</c>, <c>0s</c>.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan d)
    {
        var nanos = new System.Numerics.BigInteger(d.Ticks) * 100;
        if (nanos.IsZero)
        {
            return "0s";
        }
        var sb = new StringBuilder();
        if (nanos.Sign < 0)
        {
            sb.Append('-');
            nanos = -nanos;
        }
        var u = (ulong)nanos;
        if (u < 1_000_000_000UL)
        {
            return u switch
            {
                < 1_000UL => sb.Append(u).Append("ns").ToString(),
                < 1_000_000UL => sb.Append(Fraction(u, 3)).Append("µs").ToString(),
                _ => sb.Append(Fraction(u, 6)).Append("ms").ToString(),
            };
        }
        var seconds = u / 1_000_000_000UL;
        var frac = u % 1_000_000_000UL;
        var hours = seconds / 3600;
        var minutes = seconds / 60 % 60;
        if (hours > 0)
        {
            sb.Append(hours).Append('h');
        }
        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes).Append('m');
        }
        sb.Append(seconds % 60);
        AppendFraction(sb, frac, 9);
        return sb.Append('s').ToString();
    }

    private static string Fraction(ulong v, int digits)
    {
        var scale = (ulong)Math.Pow(10, digits);
        var sb = new StringBuilder().Append(v / scale);
        AppendFraction(sb, v % scale, digits);
        return sb.ToString();
    }

    private static void AppendFraction(StringBuilder sb, ulong frac, int digits)
    {
        if (frac == 0)
        {
            return;
        }
        sb.Append('.').Append(frac.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0'));
    }
}
