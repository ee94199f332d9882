using System.Runtime.InteropServices;

namespace Vigil.PromQL.Functions;

/// <summary>Reductions of a group of floats, shared by aggregation operators and <c>*_over_time</c>.</summary>
internal static class Aggregations
{
    public static double Apply(string op, List<double> values, double phi) => op switch
    {
        "sum" => Sum(values),
        "avg" => Average(values),
        "count" => values.Count,
        "min" => Min(values),
        "max" => Max(values),
        "group" => 1,
        "stddev" => Math.Sqrt(Variance(values)),
        "stdvar" => Variance(values),
        "quantile" => Quantile(phi, values),
        _ => throw new Engine.QueryException("unknown aggregation " + op),
    };

    /// <summary>Kahan-Babuska-Neumaier summation, as upstream uses, so that small terms are not lost.</summary>
    public static double Sum(List<double> values) => Sum(CollectionsMarshal.AsSpan(values));

    /// <inheritdoc cref="Sum(List{double})"/>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0, c = 0;
        foreach (var v in values)
        {
            (sum, c) = KahanAdd(v, sum, c);
        }
        return double.IsInfinity(sum) ? sum : sum + c;
    }

    public static (double Sum, double C) KahanAdd(double inc, double sum, double c)
    {
        var t = sum + inc;
        if (double.IsInfinity(t))
        {
            c = 0;
        }
        else if (Math.Abs(sum) >= Math.Abs(inc))
        {
            c += (sum - t) + inc;
        }
        else
        {
            c += (inc - t) + sum;
        }
        return (t, c);
    }

    // Upstream sums directly and switches to an incremental mean only when the sum would overflow.
    public static double Average(List<double> values)
    {
        if (values.Count == 1)
        {
            return values[0];
        }
        var sum = Sum(values);
        if (!double.IsInfinity(sum) || values.Exists(double.IsInfinity))
        {
            return sum / values.Count;
        }
        double mean = 0, c = 0;
        for (var i = 0; i < values.Count; i++)
        {
            (mean, c) = KahanAdd((values[i] / (i + 1)) - ((mean + c) / (i + 1)), mean, c);
        }
        return mean + c;
    }

    // NaN is only kept when nothing else is present.
    public static double Min(List<double> values)
    {
        var m = values[0];
        foreach (var v in values)
        {
            if (v < m || double.IsNaN(m))
            {
                m = v;
            }
        }
        return m;
    }

    public static double Max(List<double> values)
    {
        var m = values[0];
        foreach (var v in values)
        {
            if (v > m || double.IsNaN(m))
            {
                m = v;
            }
        }
        return m;
    }

    /// <summary>Population variance by Welford's method.</summary>
    public static double Variance(List<double> values)
    {
        double mean = 0, m2 = 0;
        var n = 0;
        foreach (var v in values)
        {
            n++;
            var delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
        }
        return m2 / n;
    }

    /// <summary>The φ-quantile with linear interpolation between closest ranks (upstream's <c>quantile</c>).</summary>
    public static double Quantile(double phi, List<double> values)
    {
        if (values.Count == 0 || double.IsNaN(phi))
        {
            return double.NaN;
        }
        if (phi < 0)
        {
            return double.NegativeInfinity;
        }
        if (phi > 1)
        {
            return double.PositiveInfinity;
        }
        var sorted = values.ToList();
        sorted.Sort(CompareNaNFirst);
        var n = (double)sorted.Count;
        var rank = phi * (n - 1);
        var lower = Math.Max(0, (int)Math.Floor(rank));
        var upper = Math.Min(sorted.Count - 1, lower + 1);
        var weight = rank - Math.Floor(rank);
        return (sorted[lower] * (1 - weight)) + (sorted[upper] * weight);
    }

    private static int CompareNaNFirst(double a, double b) =>
        double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : a.CompareTo(b);

    /// <summary>Formats a float like Go's <c>strconv.FormatFloat(v, 'f', -1, 64)</c>.</summary>
    public static string FormatValue(double v) => Parser.Printer.FormatNumber(v);
}
