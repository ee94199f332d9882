using Vigil.Model.Histograms;

namespace Vigil.PromQL.Functions;

/// <summary>
/// Compensated (Kahan-Babuska-Neumaier) sums and means of histograms, field by field as upstream adds them:
/// every histogram is laid out as one vector (count, sum, zero bucket, positive and negative buckets) at the
/// lowest schema among them, so the float summation rules apply to each entry. Histograms whose zero buckets
/// or custom bounds differ cannot share a layout; they are added plainly instead.
/// </summary>
internal static class HistogramSums
{
    /// <summary>The sum of <paramref name="histograms"/> (at least one).</summary>
    public static FloatHistogram Sum(IReadOnlyList<FloatHistogram> histograms, out HistogramCombineNotes notes)
    {
        notes = HistogramCombineNotes.None;
        if (Layout.For(histograms) is not { } layout)
        {
            return Plain(histograms, out notes);
        }
        var sum = layout.Vector(histograms[0]);
        var c = new double[sum.Length];
        for (var i = 1; i < histograms.Count; i++)
        {
            AddInto(sum, c, layout.Vector(histograms[i]));
        }
        for (var j = 0; j < sum.Length; j++)
        {
            sum[j] += c[j];
        }
        return layout.Histogram(sum, Hint(histograms));
    }

    /// <summary>
    /// The mean of <paramref name="histograms"/> (at least one): the compensated sum divided by the count
    /// while the sum stays finite, then a running mean, so that huge counts do not overflow.
    /// </summary>
    public static FloatHistogram Mean(IReadOnlyList<FloatHistogram> histograms, out HistogramCombineNotes notes)
    {
        notes = HistogramCombineNotes.None;
        if (Layout.For(histograms) is not { } layout)
        {
            return Plain(histograms, out notes).Divide(histograms.Count);
        }
        var sum = layout.Vector(histograms[0]);
        var c = new double[sum.Length];
        double[]? mean = null;
        for (var i = 1; i < histograms.Count; i++)
        {
            var count = i + 1.0;
            var next = layout.Vector(histograms[i]);
            if (mean is null)
            {
                var (trySum, tryC) = ((double[])sum.Clone(), (double[])c.Clone());
                AddInto(trySum, tryC, next);
                if (!trySum.Any(double.IsInfinity))
                {
                    (sum, c) = (trySum, tryC);
                    continue;
                }
                mean = sum.Select(v => v / (count - 1)).ToArray();
                Scale(c, 1 / (count - 1));
            }
            var q = (count - 1) / count;
            Scale(c, q);
            Scale(mean, q);
            AddInto(mean, c, next.Select(v => v / count).ToArray());
        }
        var result = mean ?? sum.Select(v => v / histograms.Count).ToArray();
        for (var j = 0; j < result.Length; j++)
        {
            result[j] += mean is null ? c[j] / histograms.Count : c[j];
        }
        return layout.Histogram(result, Hint(histograms));
    }

    private static void AddInto(double[] sum, double[] c, double[] values)
    {
        for (var j = 0; j < sum.Length; j++)
        {
            (sum[j], c[j]) = Aggregations.KahanAdd(values[j], sum[j], c[j]);
        }
    }

    private static void Scale(double[] values, double factor)
    {
        for (var j = 0; j < values.Length; j++)
        {
            values[j] *= factor;
        }
    }

    private static FloatHistogram Plain(IReadOnlyList<FloatHistogram> histograms, out HistogramCombineNotes notes)
    {
        notes = HistogramCombineNotes.None;
        var sum = histograms[0];
        for (var i = 1; i < histograms.Count; i++)
        {
            sum = sum.Add(histograms[i], out var more);
            notes |= more;
        }
        return sum;
    }

    // The hint an addition gives: one shared hint stays, a gauge makes a gauge, anything else is unknown.
    private static CounterResetHint Hint(IReadOnlyList<FloatHistogram> histograms)
    {
        var hint = histograms[0].Hint;
        foreach (var h in histograms)
        {
            hint = hint == h.Hint ? hint
                : hint == CounterResetHint.Gauge || h.Hint == CounterResetHint.Gauge ? CounterResetHint.Gauge
                : CounterResetHint.Unknown;
        }
        return hint;
    }

    /// <summary>Where each field and bucket of a histogram sits in the shared vector.</summary>
    private sealed record Layout(int Schema, double ZeroThreshold, IReadOnlyList<double>? CustomValues, int PositiveFrom, int PositiveCount, int NegativeFrom, int NegativeCount)
    {
        private const int Fields = 3;

        public static Layout? For(IReadOnlyList<FloatHistogram> histograms)
        {
            var first = histograms[0];
            var schema = histograms.Min(h => h.Schema);
            if (histograms.Any(h => h.ZeroThreshold != first.ZeroThreshold || h.UsesCustomBuckets != first.UsesCustomBuckets
                || (first.CustomValues is { } bounds && !bounds.SequenceEqual(h.CustomValues!))))
            {
                return null;
            }
            var reduced = histograms.Select(h => h.Reduce(schema)).ToList();
            var (pFrom, pTo) = Span(reduced.Select(h => h.Positive));
            var (nFrom, nTo) = Span(reduced.Select(h => h.Negative));
            return new Layout(schema, first.ZeroThreshold, first.CustomValues, pFrom, pTo - pFrom, nFrom, nTo - nFrom);
        }

        private static (int From, int To) Span(IEnumerable<BucketRun> runs)
        {
            var nonEmpty = runs.Where(r => !r.IsEmpty).ToList();
            return nonEmpty.Count == 0 ? (0, 0) : (nonEmpty.Min(r => r.Offset), nonEmpty.Max(r => r.Offset + r.Count));
        }

        public double[] Vector(FloatHistogram h)
        {
            h = h.Reduce(Schema);
            var v = new double[Fields + PositiveCount + NegativeCount];
            (v[0], v[1], v[2]) = (h.Count, h.Sum, h.ZeroCount);
            for (var k = 0; k < h.Positive.Count; k++)
            {
                v[Fields + h.Positive.Offset + k - PositiveFrom] = h.Positive.Counts[k];
            }
            for (var k = 0; k < h.Negative.Count; k++)
            {
                v[Fields + PositiveCount + h.Negative.Offset + k - NegativeFrom] = h.Negative.Counts[k];
            }
            return v;
        }

        public FloatHistogram Histogram(double[] v, CounterResetHint hint) => new(
            Schema, ZeroThreshold, v[2], v[0], v[1],
            new BucketRun(PositiveFrom, v.Skip(Fields).Take(PositiveCount)),
            new BucketRun(NegativeFrom, v.Skip(Fields + PositiveCount).Take(NegativeCount)),
            hint, CustomValues);
    }
}
