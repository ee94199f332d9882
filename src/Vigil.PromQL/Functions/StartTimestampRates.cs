using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// Counter functions when samples carry start timestamps (upstream's <c>use-start-timestamps</c>): a start
/// timestamp that moves past the previous sample marks a reset even when the value did not drop (deltas,
/// restarts between scrapes), and a first sample whose counter started inside the window stands for an
/// increase from zero at that time instead of an extrapolation towards the window's start.
/// </summary>
internal static class StartTimestampRates
{
    /// <summary>
    /// Whether the sample at <paramref name="t"/> started counting after the previous one: a start timestamp
    /// of 0 is unknown, one at or past its own sample is invalid or OpenTelemetry's "unknown start"; one equal to
    /// the previous sample's time is a reset only for a delta (whose previous sample has a valid start of its own).
    /// </summary>
    public static bool IsReset(long previousStart, long previousT, long start, long t)
    {
        if (start == 0 || start >= t || start < previousT)
        {
            return false;
        }
        if (start > previousT)
        {
            return true;
        }
        return previousStart != 0 && previousStart < previousT;
    }

    /// <summary>Whether a sample claims to start before the previous one ended without sharing its start (neither cumulative nor delta).</summary>
    public static bool Overlaps(long previousStart, long previousT, long start) =>
        start != 0 && start < previousT && start != previousStart;

    /// <summary><c>rate</c> and <c>increase</c> of a counter, as <c>RateFunctions</c> computes them plus start timestamps.</summary>
    public static double? Extrapolated(RangeContext c, ReadOnlySpan<Point> p, bool rate)
    {
        if (p.Length == 0)
        {
            return null;
        }
        var result = p[^1].Value - p[0].Value;
        var previousStart = c.StartTimestampAt(p[0].Timestamp);
        var firstStart = previousStart;
        var warned = false;
        for (var i = 1; i < p.Length; i++)
        {
            var start = c.StartTimestampAt(p[i].Timestamp);
            if (!warned && Overlaps(previousStart, p[i - 1].Timestamp, start))
            {
                c.Ev.Annotations.Warn($"sample has start time that overlaps with previous sample timestamp for metric \"{c.Metric.Get(LabelName.MetricName)}\"", c.Ev.Pos(c.Call.Args[0]));
                warned = true;
            }
            if (p[i].Value < p[i - 1].Value || IsReset(previousStart, p[i - 1].Timestamp, start, p[i].Timestamp))
            {
                result += p[i - 1].Value;
            }
            previousStart = start;
        }
        // Factor may add the first value to result, so it runs before the product reads result.
        var factor = Factor(c, p, firstStart, ref result, rate);
        return factor is { } f ? result * f : null;
    }

    // The extrapolation factor; a first sample that started counting inside the window adds its own value and
    // makes the window start at its start timestamp instead.
    private static double? Factor(RangeContext c, ReadOnlySpan<Point> p, long firstStart, ref double result, bool rate)
    {
        long firstT = p[0].Timestamp, lastT = p[^1].Timestamp;
        if (StartedInside(c, firstStart, firstT, lastT, p.Length, rate) is { } started)
        {
            result += p[0].Value;
            return started;
        }
        if (p.Length == 1)
        {
            // One sample and no start inside the window: nothing to measure an increase against.
            return null;
        }
        var toStart = (firstT - c.RangeStart) / 1000.0;
        var sampled = (lastT - firstT) / 1000.0;
        var average = sampled / (p.Length - 1);
        if (toStart >= average * 1.1)
        {
            toStart = average / 2;
        }
        if (result > 0 && p[0].Value >= 0)
        {
            toStart = Math.Min(toStart, sampled * (p[0].Value / result));
        }
        var factor = (sampled + toStart + ToEnd(c, lastT, average)) / sampled;
        return rate ? factor / c.RangeSeconds : factor;
    }

    /// <summary>
    /// When the first of <paramref name="samples"/> samples (at <paramref name="firstT"/>) started counting inside
    /// the window, the factor for an increase that counts from zero at that start (the caller adds the first
    /// sample's value): no extrapolation towards the window's start, the usual one towards its end. Null otherwise.
    /// </summary>
    public static double? StartedInside(RangeContext c, long firstStart, long firstT, long lastT, int samples, bool rate)
    {
        if (firstStart == 0 || firstStart <= c.RangeStart || firstStart >= firstT)
        {
            return null;
        }
        var average = samples > 1 ? (lastT - firstT) / 1000.0 / (samples - 1) : 0;
        var sampled = (lastT - firstStart) / 1000.0;
        var factor = (sampled + ToEnd(c, lastT, average)) / sampled;
        return rate ? factor / c.RangeSeconds : factor;
    }

    private static double ToEnd(RangeContext c, long lastT, double average)
    {
        var toEnd = (c.RangeEnd - lastT) / 1000.0;
        return toEnd >= average * 1.1 ? average / 2 : toEnd;
    }

    /// <summary>Whether the sample at <paramref name="t"/> restarted counting after the one at <paramref name="previousT"/> by their start timestamps.</summary>
    public static bool ResetAt(RangeContext c, long previousT, long t) =>
        c.StartTimestamps is not null && IsReset(c.StartTimestampAt(previousT), previousT, c.StartTimestampAt(t), t);

    /// <summary>Warns (once per query and metric, as annotations deduplicate) when the sample at <paramref name="t"/> overlaps the one at <paramref name="previousT"/>.</summary>
    public static void WarnOnOverlap(RangeContext c, long previousT, long t)
    {
        if (c.StartTimestamps is not null && Overlaps(c.StartTimestampAt(previousT), previousT, c.StartTimestampAt(t)))
        {
            c.Ev.Annotations.Warn($"sample has start time that overlaps with previous sample timestamp for metric \"{c.Metric.Get(LabelName.MetricName)}\"", c.Ev.Pos(c.Call.Args[0]));
        }
    }

    /// <summary><c>resets</c> over a window of histograms only, counting start-timestamp resets too.</summary>
    public static double HistogramResets(RangeContext c, List<(long Timestamp, Model.Histograms.FloatHistogram Histogram)> h)
    {
        var n = 0;
        for (var i = 1; i < h.Count; i++)
        {
            if (h[i].Histogram.IsResetAfter(h[i - 1].Histogram) || ResetAt(c, h[i - 1].Timestamp, h[i].Timestamp))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary><c>irate</c> with start-timestamp resets.</summary>
    public static double? Irate(RangeContext c, ReadOnlySpan<Point> p)
    {
        if (p.Length < 2)
        {
            return null;
        }
        var (previous, last) = (p[^2], p[^1]);
        var reset = last.Value < previous.Value
            || IsReset(c.StartTimestampAt(previous.Timestamp), previous.Timestamp, c.StartTimestampAt(last.Timestamp), last.Timestamp);
        var seconds = (last.Timestamp - previous.Timestamp) / 1000.0;
        return seconds == 0 ? null : (reset ? last.Value : last.Value - previous.Value) / seconds;
    }

    /// <summary><c>resets</c> counting start-timestamp resets too.</summary>
    public static double Resets(RangeContext c, ReadOnlySpan<Point> p)
    {
        var n = 0;
        var previousStart = p.Length > 0 ? c.StartTimestampAt(p[0].Timestamp) : 0;
        for (var i = 1; i < p.Length; i++)
        {
            var start = c.StartTimestampAt(p[i].Timestamp);
            if (p[i].Value < p[i - 1].Value || IsReset(previousStart, p[i - 1].Timestamp, start, p[i].Timestamp))
            {
                n++;
            }
            previousStart = start;
        }
        return n;
    }

    /// <summary>
    /// <c>start_timestamp(v)</c>: each sample's start time in seconds (0 when unknown), name dropped. Only a
    /// selector argument has them; for any other expression, or with start timestamps off, the result is empty.
    /// </summary>
    public static QueryValue StartTimestamp(Evaluator ev, Call c, long t)
    {
        var samples = ev.EvalVector(c.Args[0], t);
        if (!ev.UseStartTimestamps || c.Args[0] is not VectorSelector)
        {
            return new VectorValue([]);
        }
        var result = new List<VectorSample>(samples.Count);
        foreach (var s in samples)
        {
            result.Add(ev.NameDropped(s.Metric, t, ev.StartTimestampOf(s.Metric, s.Timestamp) / 1000.0));
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }
}
