using Vigil.PromQL.Engine;

namespace Vigil.PromQL.Functions;

/// <summary>Counter and gauge functions over a window: rates, deltas, regression and smoothing.</summary>
internal static class RateFunctions
{
    public static readonly (string Name, RangeReducer F)[] All =
    [
        ("rate", (c, p) => Extrapolated(c, p, counter: true, rate: true)),
        ("increase", (c, p) => Extrapolated(c, p, counter: true, rate: false)),
        ("delta", (c, p) => Extrapolated(c, p, counter: false, rate: false)),
        ("irate", (c, p) => c.StartTimestamps is null ? Instant(p, rate: true) : StartTimestampRates.Irate(c, p)),
        ("idelta", (_, p) => Instant(p, rate: false)),
        ("deriv", (_, p) => p.Length < 2 ? null : Regression(p, p[0].Timestamp).Slope),
        ("predict_linear", PredictLinear),
        ("resets", (c, p) => !ExtendedRange.TryAnchor(c, p, out var a) ? null
            : c.StartTimestamps is null ? Count(a, (prev, cur) => cur < prev) : StartTimestampRates.Resets(c, a)),
        ("changes", (c, p) => ExtendedRange.TryAnchor(c, p, out var a) ? Count(a, (prev, cur) => !(cur == prev || (double.IsNaN(cur) && double.IsNaN(prev)))) : null),
        ("double_exponential_smoothing", Smooth),
        ("holt_winters", Smooth),
    ];

    // Upstream's extrapolation: extend the sampled interval towards the window edges by up to half
    // an average sample gap, and never past the point where a counter would have been zero.
    private static double? Extrapolated(RangeContext c, ReadOnlySpan<Point> p, bool counter, bool rate)
    {
        if (c.Call.Args[0] is Parser.MatrixSelector { Selector: { } vs } && (vs.Anchored || vs.Smoothed))
        {
            return ExtendedRange.Rate(c, p, vs.Smoothed, counter, rate);
        }
        if (counter && c.StartTimestamps is not null)
        {
            if (p.Length >= 2 && c.Call.Function.Name is "rate" or "increase")
            {
                WarnIfNotCounter(c);
            }
            return StartTimestampRates.Extrapolated(c, p, rate);
        }
        if (p.Length < 2)
        {
            return null;
        }
        if (counter && c.Call.Function.Name is "rate" or "increase")
        {
            WarnIfNotCounter(c);
        }
        var result = p[^1].Value - p[0].Value;
        if (counter)
        {
            for (var i = 1; i < p.Length; i++)
            {
                if (p[i].Value < p[i - 1].Value)
                {
                    result += p[i - 1].Value;
                }
            }
        }
        return result * ExtrapolationFactor(c, p[0].Timestamp, p[^1].Timestamp, p.Length, counter, p[0].Value, result, rate);
    }

    /// <summary>
    /// What an increase seen between the first and last of <paramref name="samples"/> samples is multiplied by:
    /// the sampled interval extended towards the window's edges (up to half an average gap where the series
    /// seems to start or end inside the window; for a counter never past where it would have been zero,
    /// judged by <paramref name="firstValue"/> against <paramref name="increase"/>), per second for a rate.
    /// </summary>
    internal static double ExtrapolationFactor(RangeContext c, long firstT, long lastT, int samples, bool counter, double firstValue, double increase, bool rate)
    {
        var toStart = (firstT - c.RangeStart) / 1000.0;
        var toEnd = (c.RangeEnd - lastT) / 1000.0;
        var sampled = (lastT - firstT) / 1000.0;
        var average = sampled / (samples - 1);
        var threshold = average * 1.1;
        if (toStart >= threshold)
        {
            toStart = average / 2;
        }
        if (counter && increase > 0 && firstValue >= 0)
        {
            toStart = Math.Min(toStart, sampled * (firstValue / increase));
        }
        if (toEnd >= threshold)
        {
            toEnd = average / 2;
        }
        var factor = (sampled + toStart + toEnd) / sampled;
        return rate ? factor / c.RangeSeconds : factor;
    }

    internal static void WarnIfNotCounter(RangeContext c)
    {
        // The answer depends on the labels alone: a series read in place is checked at its first step only.
        if (c.Series is { } series)
        {
            if (series.LabelsChecked)
            {
                return;
            }
            series.LabelsChecked = true;
        }
        var name = c.Metric.Get(Vigil.Model.Labels.LabelName.MetricName);
        if (name.Length > 0 && !(name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal)
            || name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal)))
        {
            c.Ev.Annotations.Info($"metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"{name}\"", c.Ev.Pos(c.Call.Args[0]));
        }
    }

    private static double? Instant(ReadOnlySpan<Point> p, bool rate)
    {
        if (p.Length < 2)
        {
            return null;
        }
        var last = p[^1];
        var prev = p[^2];
        var result = rate && last.Value < prev.Value ? last.Value : last.Value - prev.Value;
        if (!rate)
        {
            return result;
        }
        var seconds = (last.Timestamp - prev.Timestamp) / 1000.0;
        return seconds == 0 ? null : result / seconds;
    }

    private static double Count(ReadOnlySpan<Point> p, Func<double, double, bool> counts)
    {
        var n = 0;
        for (var i = 1; i < p.Length; i++)
        {
            if (counts(p[i - 1].Value, p[i].Value))
            {
                n++;
            }
        }
        return n;
    }

    private static double? PredictLinear(RangeContext c, ReadOnlySpan<Point> p)
    {
        if (p.Length < 2)
        {
            return null;
        }
        var (slope, intercept) = Regression(p, c.T);
        return (slope * c.Scalars[1]) + intercept;
    }

    /// <summary>Least-squares fit with x in seconds relative to <paramref name="interceptTime"/>, compensated sums.</summary>
    public static (double Slope, double Intercept) Regression(ReadOnlySpan<Point> p, long interceptTime)
    {
        double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
        var constY = true;
        foreach (var s in p)
        {
            constY &= s.Value == p[0].Value;
            n++;
            var x = (s.Timestamp - interceptTime) / 1000.0;
            (sumX, cX) = Aggregations.KahanAdd(x, sumX, cX);
            (sumY, cY) = Aggregations.KahanAdd(s.Value, sumY, cY);
            (sumXY, cXY) = Aggregations.KahanAdd(x * s.Value, sumXY, cXY);
            (sumX2, cX2) = Aggregations.KahanAdd(x * x, sumX2, cX2);
        }
        if (constY)
        {
            return double.IsInfinity(p[0].Value) ? (double.NaN, double.NaN) : (0, p[0].Value);
        }
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        var covXY = sumXY - (sumX * sumY / n);
        var varX = sumX2 - (sumX * sumX / n);
        var slope = covXY / varX;
        return (slope, (sumY / n) - (slope * sumX / n));
    }

    private static double? Smooth(RangeContext c, ReadOnlySpan<Point> p)
    {
        var sf = c.Scalars[1];
        var tf = c.Scalars[2];
        if (sf <= 0 || sf >= 1)
        {
            throw new QueryException($"invalid smoothing factor. Expected: 0 < sf < 1, got: {sf:F6}");
        }
        if (tf <= 0 || tf >= 1)
        {
            throw new QueryException($"invalid trend factor. Expected: 0 < tf < 1, got: {tf:F6}");
        }
        if (p.Length < 2)
        {
            return null;
        }
        double s0 = 0, s1 = p[0].Value, b = p[1].Value - p[0].Value;
        for (var i = 1; i < p.Length; i++)
        {
            if (i > 1)
            {
                b = (tf * (s1 - s0)) + ((1 - tf) * b);
            }
            var next = (sf * p[i].Value) + ((1 - sf) * (s1 + b));
            (s0, s1) = (s1, next);
        }
        return s1;
    }
}
