using Vigil.Model.Histograms;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// The experimental <c>anchored</c> and <c>smoothed</c> range modifiers. Anchored ranges begin at the
/// last sample at or before the window start; smoothed ranges interpolate values at both window edges.
/// </summary>
internal static class ExtendedRange
{
    private static readonly string[] AnchoredSafe = ["changes", "delta", "increase", "rate", "resets"];
    private static readonly string[] SmoothedSafe = ["delta", "increase", "rate"];

    public static void CheckAllowed(string function, VectorSelector? vs)
    {
        if (vs is { Anchored: true } && !AnchoredSafe.Contains(function))
        {
            throw new QueryException($"anchored modifier can only be used with: {string.Join(", ", AnchoredSafe)} - not with {function}");
        }
        if (vs is { Smoothed: true } && !SmoothedSafe.Contains(function))
        {
            throw new QueryException($"smoothed modifier can only be used with: {string.Join(", ", SmoothedSafe)} - not with {function}");
        }
    }

    /// <summary>
    /// For anchored ranges: the points from the anchor on (<paramref name="p"/> itself for other ranges);
    /// false when nothing follows the window start.
    /// </summary>
    public static bool TryAnchor(RangeContext c, ReadOnlySpan<Point> p, out ReadOnlySpan<Point> anchored)
    {
        anchored = p;
        if (c.Call.Args[0] is not MatrixSelector { Selector.Anchored: true })
        {
            return true;
        }
        var lastBefore = p.Length - 1;
        while (lastBefore >= 0 && p[lastBefore].Timestamp > c.RangeStart)
        {
            lastBefore--;
        }
        if (lastBefore == p.Length - 1)
        {
            return false;
        }
        anchored = lastBefore < 0 ? p : p[lastBefore..];
        return true;
    }

    /// <summary>
    /// For anchored ranges over floats and histograms: the first float and the first histogram from the anchor
    /// on. The anchor is the newest sample of either kind at or before the window start; older samples of both
    /// kinds are left out. False when nothing follows the window start. Other ranges start at 0, 0.
    /// </summary>
    public static bool TryAnchor(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> h, out int firstFloat, out int firstHistogram)
    {
        (firstFloat, firstHistogram) = (0, 0);
        if (c.Call.Args[0] is not MatrixSelector { Selector.Anchored: true })
        {
            return true;
        }
        var lastFloat = FirstAfter(floats, c.RangeStart, floats.Length) - 1;
        var lastHistogram = FirstAfter(h, c.RangeStart, h.Count) - 1;
        if (lastFloat + 1 >= floats.Length && lastHistogram + 1 >= h.Count)
        {
            return false;
        }
        if (lastFloat < 0 && lastHistogram < 0)
        {
            return true;
        }
        // On a tie the float is the anchor, as upstream.
        var floatAnchors = lastHistogram < 0 || (lastFloat >= 0 && floats[lastFloat].Timestamp >= h[lastHistogram].Timestamp);
        (firstFloat, firstHistogram) = floatAnchors ? (lastFloat, lastHistogram + 1) : (lastFloat + 1, lastHistogram);
        return true;
    }

    /// <summary>rate/increase/delta between the (possibly interpolated) values at the window edges.</summary>
    public static double? Rate(RangeContext c, ReadOnlySpan<Point> f, bool smoothed, bool counter, bool rate)
    {
        var last = f.Length - 1;
        var first = Math.Max(0, FirstAfter(f, c.RangeStart, last) - 1);
        if (smoothed)
        {
            last = FirstAtOrAfter(f, c.RangeEnd, last);
        }
        if (f[last].Timestamp <= c.RangeStart || (smoothed && f[first].Timestamp > c.RangeEnd))
        {
            return null;
        }
        var left = Left(f, first, c.RangeStart, smoothed, counter);
        var right = Right(f, last, c.RangeEnd, smoothed, counter);
        var result = right - left;
        if (counter)
        {
            if (f[first].Timestamp <= c.RangeStart)
            {
                first++;
            }
            if (f[last].Timestamp >= c.RangeEnd)
            {
                last--;
            }
            result += CounterCorrection(left, right, f, first, last);
        }
        return rate ? result / c.RangeSeconds : result;
    }

    /// <summary>Cuts extended samples to the window, adding points at both edges.</summary>
    public static List<Point> Extend(ReadOnlySpan<Point> f, long mint, long maxt, bool smoothed)
    {
        var last = f.Length - 1;
        var first = Math.Max(0, FirstAfter(f, mint, last) - 1);
        if (smoothed)
        {
            last = FirstAtOrAfter(f, maxt, last);
        }
        if (f[last].Timestamp <= mint)
        {
            return [];
        }
        var left = Left(f, first, mint, smoothed, false);
        var right = Right(f, last, maxt, smoothed, false);
        if (f[first].Timestamp <= mint)
        {
            first++;
        }
        if (f[last].Timestamp >= maxt)
        {
            last--;
        }
        var result = new List<Point> { new(mint, left) };
        for (var i = first; i <= last; i++)
        {
            result.Add(f[i]);
        }
        result.Add(new Point(maxt, right));
        return result;
    }

    // Index of the first of f[0..n) with timestamp after t (n when none), like sort.Search.
    private static int FirstAfter(ReadOnlySpan<Point> f, long t, int n)
    {
        var i = 0;
        while (i < n && f[i].Timestamp <= t)
        {
            i++;
        }
        return i;
    }

    /// <summary>The index of the first of <paramref name="f"/>[0..<paramref name="n"/>) at or after <paramref name="t"/> (<paramref name="n"/> when none).</summary>
    internal static int FirstAtOrAfter(ReadOnlySpan<Point> f, long t, int n)
    {
        var i = 0;
        while (i < n && f[i].Timestamp < t)
        {
            i++;
        }
        return i;
    }

    /// <summary>The index of the first of <paramref name="h"/>[0..<paramref name="n"/>) after <paramref name="t"/> (<paramref name="n"/> when none).</summary>
    public static int FirstAfter<T>(List<(long Timestamp, T Value)> h, long t, int n)
    {
        var i = 0;
        while (i < n && h[i].Timestamp <= t)
        {
            i++;
        }
        return i;
    }

    /// <summary>The index of the first of <paramref name="h"/>[0..<paramref name="n"/>) at or after <paramref name="t"/> (<paramref name="n"/> when none).</summary>
    public static int FirstAtOrAfter<T>(List<(long Timestamp, T Value)> h, long t, int n)
    {
        var i = 0;
        while (i < n && h[i].Timestamp < t)
        {
            i++;
        }
        return i;
    }

    private static double Left(ReadOnlySpan<Point> f, int first, long start, bool smoothed, bool counter) =>
        smoothed && f[first].Timestamp < start ? Interpolate(f[first], f[first + 1], start, counter) : f[first].Value;

    private static double Right(ReadOnlySpan<Point> f, int last, long end, bool smoothed, bool counter) =>
        smoothed && last > 0 && f[last].Timestamp > end ? Interpolate(f[last - 1], f[last], end, counter) : f[last].Value;

    /// <summary>
    /// The value at <paramref name="t"/> on the line between two points; a <paramref name="counter"/> that dropped
    /// between them is taken to restart from zero.
    /// </summary>
    internal static double Interpolate(Point p1, Point p2, long t, bool counter)
    {
        var y1 = counter && p2.Value < p1.Value ? 0 : p1.Value;
        return y1 + ((p2.Value - y1) * (t - p1.Timestamp) / (p2.Timestamp - p1.Timestamp));
    }

    private static double CounterCorrection(double left, double right, ReadOnlySpan<Point> f, int first, int last)
    {
        double correction = 0;
        var prev = left;
        for (var i = first; i <= last; i++)
        {
            if (f[i].Value < prev)
            {
                correction += prev;
            }
            prev = f[i].Value;
        }
        if (right < prev)
        {
            correction += prev;
        }
        return correction;
    }
}
