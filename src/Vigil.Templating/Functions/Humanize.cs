using System.Globalization;
using Vigil.Model;
using Vigil.Templating.Execution;
using Vigil.Templating.Formatting;

namespace Vigil.Templating.Functions;

/// <summary>
/// The humanize helpers of Prometheus (<c>prometheus/common/helpers/templates</c> and
/// <c>prometheus/template</c>), producing the same text: <c>1.235M</c>, <c>1m 30s</c>, <c>50%</c>.
/// </summary>
public static class Humanize
{
    private static readonly string[] BigPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
    private static readonly string[] SmallPrefixes = ["m", "u", "n", "p", "f", "a", "z", "y"];
    private static readonly string[] BinaryPrefixes = ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];

    /// <summary>Go's <c>ConvertToFloat</c>: numbers, numeric strings and durations (as seconds).</summary>
    public static double ToFloat(object? value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        string s => ParseFloat(s),
        TimeSpan t => t.TotalSeconds,
        ulong u => u,
        _ when GoValues.TryGetInteger(value, out var n) => n,
        _ => throw new InvalidOperationException($"can't convert {GoFormat.TypeName(value)} to float"),
    };

    /// <summary>Go's <c>strconv.ParseFloat</c> on a template argument.</summary>
    public static double ParseFloat(string s)
    {
        var t = s.ToLowerInvariant().TrimStart('+');
        switch (t)
        {
            case "inf" or "infinity": return double.PositiveInfinity;
            case "-inf" or "-infinity": return double.NegativeInfinity;
            case "nan": return double.NaN;
        }
        if (s.Length > 0 && !s.Any(char.IsWhiteSpace) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }
        throw new FormatException($"strconv.ParseFloat: parsing {GoString.Quote(s)}: invalid syntax");
    }

    /// <summary>SI prefixes: <c>humanize 1234567</c> is <c>1.235M</c>, <c>humanize 0.001</c> is <c>1m</c>.</summary>
    public static string Number(object? value)
    {
        var v = ToFloat(value);
        if (v == 0 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        var prefix = "";
        if (Math.Abs(v) >= 1)
        {
            foreach (var p in BigPrefixes)
            {
                if (Math.Abs(v) < 1000)
                {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return G4(v) + prefix;
        }
        foreach (var p in SmallPrefixes)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return G4(v) + prefix;
    }

    /// <summary>Binary prefixes: <c>humanize1024 1048576</c> is <c>1Mi</c>.</summary>
    public static string Number1024(object? value)
    {
        var v = ToFloat(value);
        if (Math.Abs(v) <= 1 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        var prefix = "";
        foreach (var p in BinaryPrefixes)
        {
            if (Math.Abs(v) < 1024)
            {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return G4(v) + prefix;
    }

    /// <summary>A ratio as a percentage: <c>0.1234</c> is <c>12.34%</c>.</summary>
    public static string Percentage(object? value) => G4(ToFloat(value) * 100) + "%";

    /// <summary>Seconds as <c>1d 2h 3m 4s</c>, or <c>1.5s</c>, <c>100ms</c> below a minute and a second.</summary>
    public static string Duration(object? value)
    {
        var v = ToFloat(value);
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        if (v == 0)
        {
            return G4(v) + "s";
        }
        if (Math.Abs(v) >= 1)
        {
            var sign = v < 0 ? "-" : "";
            v = Math.Abs(v);
            var total = (long)v;
            var (days, hours, minutes, seconds) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60);
            if (days != 0)
            {
                return FormattableString.Invariant($"{sign}{days}d {hours}h {minutes}m {seconds}s");
            }
            if (hours != 0)
            {
                return FormattableString.Invariant($"{sign}{hours}h {minutes}m {seconds}s");
            }
            if (minutes != 0)
            {
                return FormattableString.Invariant($"{sign}{minutes}m {seconds}s");
            }
            return sign + G4(v) + "s";
        }
        var prefix = "";
        foreach (var p in SmallPrefixes)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return G4(v) + prefix + "s";
    }

    /// <summary>Unix seconds as Go prints a UTC time, to the millisecond: <c>2015-06-23 13:19:44.128 +0000 UTC</c>.</summary>
    public static string Timestamp(object? value)
    {
        var v = ToFloat(value);
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        return GoTimeFormat.ToGoString(ToTime(v));
    }

    /// <summary>Unix seconds to a UTC time with millisecond precision, as Prometheus' <c>model.Time</c> keeps it.</summary>
    public static DateTimeOffset ToTime(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            throw new InvalidOperationException("value is NaN or Inf");
        }
        var nanos = seconds * 1e9;
        if (nanos > long.MaxValue || nanos < long.MinValue)
        {
            throw new InvalidOperationException($"{GoFloat.Format(seconds, 'g', -1)} cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        var millis = (long)nanos / 1_000_000;
        return DateTimeOffset.UnixEpoch.AddMilliseconds(millis);
    }

    private static string G4(double v) => GoFloat.Format(v, 'g', 4);
}
