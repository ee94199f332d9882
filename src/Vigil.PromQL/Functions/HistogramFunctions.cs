using System.Globalization;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// <c>histogram_quantile</c>, <c>histogram_quantiles</c> and <c>histogram_fraction</c> over classic (<c>le</c>-labelled)
/// buckets and native histograms (see <see cref="NativeHistogramQuantile"/>) in the same vector.
/// </summary>
internal static class HistogramFunctions
{
    private sealed record BucketGroup(LabelSet Labels, string Name, List<(double Upper, double Count)> Buckets);

    public static QueryValue Quantile(Evaluator ev, Call c, long t)
    {
        var q = QuantileParam(ev, c.Args[0], t);
        var result = new List<VectorSample>();
        var (natives, groups) = Split(ev, c.Args[1], t);
        foreach (var s in natives)
        {
            result.Add(ev.NameDropped(s.Metric, t, NativeQuantile(ev, c.Args[1], s, q)));
        }
        foreach (var g in groups)
        {
            result.Add(new VectorSample(g.Labels, t, QuantileOf(ev, c.Args[1], g, q)) { DropName = true });
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    /// <summary><c>histogram_quantiles(v, "label", q1, q2, ...)</c>: one output series per quantile, told apart by the label.</summary>
    public static QueryValue Quantiles(Evaluator ev, Call c, long t)
    {
        var label = ((StringValue)ev.Eval(c.Args[1], t)).Value;
        var qs = c.Args.Skip(2).Select(a => QuantileParam(ev, a, t)).ToList();
        var result = new List<VectorSample>();
        var (natives, groups) = Split(ev, c.Args[0], t);
        foreach (var s in natives)
        {
            var labels = ev.DelayNameRemoval ? s.Metric : ev.WithoutName(s.Metric);
            RefuseExisting(labels, label);
            foreach (var q in qs)
            {
                result.Add(new VectorSample(labels.With(label, QuantileLabel(q)), t, NativeQuantile(ev, c.Args[0], s, q)) { DropName = true });
            }
        }
        foreach (var g in groups)
        {
            RefuseExisting(g.Labels, label);
            foreach (var q in qs)
            {
                result.Add(new VectorSample(g.Labels.With(label, QuantileLabel(q)), t, QuantileOf(ev, c.Args[0], g, q)) { DropName = true });
            }
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    public static QueryValue Fraction(Evaluator ev, Call c, long t)
    {
        var lower = ev.EvalScalar(c.Args[0], t);
        var upper = ev.EvalScalar(c.Args[1], t);
        var (natives, groups) = Split(ev, c.Args[2], t);
        var result = new List<VectorSample>(natives.Count + groups.Count);
        foreach (var s in natives)
        {
            var value = NativeHistogramQuantile.Fraction(lower, upper, s.Histogram!, out var nan);
            Report(ev, c.Args[2], s, nan);
            result.Add(ev.NameDropped(s.Metric, t, value));
        }
        result.AddRange(groups.Select(g => new VectorSample(g.Labels, t, ClassicBuckets.Fraction(lower, upper, g.Buckets)) { DropName = true }));
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    private static void RefuseExisting(LabelSet labels, string label)
    {
        if (labels.Has(label))
        {
            throw new QueryException($"label \"{label}\" already exists on the input series");
        }
    }

    private static double NativeQuantile(Evaluator ev, Expr arg, VectorSample s, double q)
    {
        var value = NativeHistogramQuantile.Quantile(q, s.Histogram!, out var nan);
        Report(ev, arg, s, nan);
        return value;
    }

    // The info about NaN observations names the histogram's metric, at the position of the argument it came from.
    private static void Report(Evaluator ev, Expr arg, VectorSample s, NaNObservations nan)
    {
        var message = nan switch
        {
            NaNObservations.QuantileIsNaN => "input to histogram_quantile has NaN observations, result is NaN",
            NaNObservations.QuantileSkewed => "input to histogram_quantile has NaN observations, result is skewed higher",
            NaNObservations.FractionExcludesNaN => "input to histogram_fraction has NaN observations, which are excluded from all fractions",
            _ => null,
        };
        if (message is null)
        {
            return;
        }
        ev.Annotations.Info(WithMetricName(message, s.Metric), ev.Pos(arg));
    }

    // Upstream names the metric at the end of an annotation when the series has a name.
    private static string WithMetricName(string message, LabelSet metric)
    {
        var name = metric.Get(LabelName.MetricName);
        return name.Length == 0 ? message : $"{message} for metric name \"{name}\"";
    }

    private static string QuantileLabel(double q)
    {
        var text = Aggregations.FormatValue(q);
        return text.Contains('.') || text.Contains('e') || text.Contains("Inf") || text == "NaN" ? text : text + ".0";
    }

    private static double QuantileParam(Evaluator ev, Expr arg, long t)
    {
        var q = ev.EvalScalar(arg, t);
        if (double.IsNaN(q) || q < 0 || q > 1)
        {
            ev.Annotations.Warn($"quantile value should be between 0 and 1, got {Printer.FormatNumber(q)}", ev.Pos(arg));
        }
        return q;
    }

    private static double QuantileOf(Evaluator ev, Expr arg, BucketGroup g, double q)
    {
        var (value, forced) = ClassicBuckets.Quantile(q, g.Buckets);
        if (forced)
        {
            ev.Annotations.Info($"input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"{g.Name}\"", ev.Pos(arg));
        }
        return value;
    }

    /// <summary>What a bucket series' labels say, worked out once per label set object (see <see cref="Evaluator.BucketLabels"/>).</summary>
    /// <param name="Key">The labels without <c>le</c>: the group.</param>
    /// <param name="Output">The group's labels without the name: the result series.</param>
    /// <param name="Name">The metric name, for annotations.</param>
    /// <param name="HasLe">Whether <c>le</c> is present and parses.</param>
    /// <param name="Upper">The bucket's upper bound.</param>
    internal sealed record BucketLabels(LabelSet Key, LabelSet Output, string Name, bool HasLe, double Upper);

    /// <summary>
    /// The argument's native histogram samples and its classic bucket groups. A native histogram whose labels
    /// equal a classic group's (the group's without <c>le</c>) is ambiguous: both are dropped with a warning.
    /// </summary>
    private static (List<VectorSample> Natives, List<BucketGroup> Groups) Split(Evaluator ev, Expr arg, long t)
    {
        var natives = new List<VectorSample>();
        var (groups, order) = Groups(ev, arg, t, natives);
        if (natives.Count == 0)
        {
            return (natives, order);
        }
        var kept = new List<VectorSample>(natives.Count);
        foreach (var s in natives)
        {
            if (groups.Remove(s.Metric, out var clash))
            {
                order.Remove(clash);
                ev.Annotations.Warn(WithMetricName("vector contains a mix of classic and native histograms", s.Metric), ev.Pos(arg));
                continue;
            }
            kept.Add(s);
        }
        return (kept, order);
    }

    // Buckets group by every label but "le"; the name stays in the key so that two histograms
    // that differ only by name collide after it is dropped, as upstream reports.
    private static (Dictionary<LabelSet, BucketGroup> ByKey, List<BucketGroup> Order) Groups(Evaluator ev, Expr arg, long t, List<VectorSample> natives)
    {
        var groups = new Dictionary<LabelSet, BucketGroup>();
        var order = new List<BucketGroup>();
        foreach (var s in ev.EvalVector(arg, t))
        {
            if (s.Histogram is not null)
            {
                natives.Add(s);
                continue;
            }
            var bucket = ev.BucketLabels(s.Metric, Describe);
            if (!bucket.HasLe)
            {
                ev.Annotations.Warn($"bucket label \"le\" is missing or has a malformed value of \"{s.Metric.Get("le")}\" for metric name \"{bucket.Name}\"", ev.Pos(arg));
                continue;
            }
            if (!groups.TryGetValue(bucket.Key, out var group))
            {
                group = new BucketGroup(ev.DelayNameRemoval ? bucket.Key : bucket.Output, bucket.Name, []);
                groups[bucket.Key] = group;
                order.Add(group);
            }
            group.Buckets.Add((bucket.Upper, s.Value));
        }
        return (groups, order);
    }

    private static BucketLabels Describe(LabelSet metric)
    {
        var key = metric.Without(["le"]);
        var hasLe = TryParseLe(metric.Get("le"), out var upper);
        return new BucketLabels(key, Evaluator.DropName(key), metric.Get(LabelName.MetricName), hasLe, upper);
    }

    private static bool TryParseLe(string text, out double upper)
    {
        upper = 0;
        if (text.Length == 0)
        {
            return false;
        }
        var lower = text.ToLowerInvariant();
        if (lower is "+inf" or "inf")
        {
            upper = double.PositiveInfinity;
            return true;
        }
        if (lower == "-inf")
        {
            upper = double.NegativeInfinity;
            return true;
        }
        if (lower == "nan")
        {
            upper = double.NaN;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out upper);
    }
}
