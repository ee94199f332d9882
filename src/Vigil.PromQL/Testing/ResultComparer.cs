using Vigil.Model.Labels;
using Vigil.PromQL.Engine;

namespace Vigil.PromQL.Testing;

/// <summary>Compares a query result with an eval's expectations; returns null on a match or the reason it differs.</summary>
internal static class ResultComparer
{
    private const double Epsilon = 1e-6;

    public static string? Compare(EvalCommand cmd, QueryValue value) => value switch
    {
        ScalarValue s => cmd.Scalar is { } want ? (FloatEqual(want, s.Value) ? null : $"expected scalar {want} but got {s.Value}") : "unexpected scalar result " + s.Value,
        StringValue s => cmd.String == s.Value ? null : $"expected string \"{cmd.String}\" but got \"{s.Value}\"",
        VectorValue v => CompareVector(cmd, v.Samples),
        MatrixValue m => CompareMatrix(cmd, m),
        _ => "unknown result type",
    };

    private static string? CompareVector(EvalCommand cmd, List<VectorSample> samples)
    {
        if (cmd.Scalar is not null || cmd.String is not null)
        {
            return "expected a scalar or string but got a vector";
        }
        if (samples.Count != cmd.Series.Count)
        {
            return $"expected {cmd.Series.Count} samples but got {samples.Count}: {Describe(samples)}";
        }
        var byLabels = new Dictionary<LabelSet, (VectorSample Sample, int Index)>();
        for (var i = 0; i < samples.Count; i++)
        {
            byLabels[samples[i].Metric] = (samples[i], i);
        }
        var ordered = cmd.Expects("ordered");
        for (var i = 0; i < cmd.Series.Count; i++)
        {
            var (labels, values) = cmd.Series[i];
            if (!byLabels.TryGetValue(labels, out var got))
            {
                return $"expected series {labels} not found in {Describe(samples)}";
            }
            if (ordered && got.Index != i)
            {
                return $"expected series {labels} at position {i} but found at {got.Index}";
            }
            if (values.Count != 1 || !SampleEqual(values[0], got.Sample))
            {
                return $"series {labels}: expected {string.Join(" ", values.Select(Text))} but got {Text(got.Sample)}";
            }
        }
        return null;
    }

    private static bool SampleEqual(SequenceValue expected, VectorSample got) => (expected.Histogram, got.Histogram) switch
    {
        (null, null) => FloatEqual(expected.Value, got.Value),
        ({ } e, { } h) => HistogramComparer.Equal(e, h, expected.HintSet),
        _ => false,
    };

    private static string Text(SequenceValue v) => v.Histogram?.ToString() ?? v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(VectorSample s) => s.Histogram?.ToString() ?? s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? CompareMatrix(EvalCommand cmd, MatrixValue m)
    {
        var (from, step) = cmd.IsRange ? (cmd.Start, cmd.Step) : cmd.RangeVector is { } rv ? (rv.From, rv.Step) : (0L, 0L);
        if (!cmd.IsRange && cmd.RangeVector is null)
        {
            return "got a range vector but no 'expect range vector' line";
        }
        var expected = cmd.Series.Select(s => (s.Labels, Points: ToPoints(s.Values, from, step), Histograms: ToHistograms(s.Values, from, step)))
            .Where(s => s.Points.Count + s.Histograms.Count > 0 || !cmd.IsRange).ToList();
        var actual = m.Series.Where(s => s.Points.Count > 0 || s.Histograms is { Count: > 0 }).ToList();
        if (expected.Count != actual.Count)
        {
            return $"expected {expected.Count} series but got {actual.Count}: {string.Join(", ", actual.Select(s => s.Metric))}";
        }
        var byLabels = actual.ToDictionary(s => s.Metric);
        foreach (var (labels, points, histograms) in expected)
        {
            if (!byLabels.TryGetValue(labels, out var got))
            {
                return $"expected series {labels} not found";
            }
            if (got.Points.Count != points.Count || got.Points.Zip(points).Any(p => p.First.Timestamp != p.Second.Timestamp || !FloatEqual(p.Second.Value, p.First.Value)))
            {
                return $"series {labels}: expected [{string.Join(" ", points.Select(p => $"{p.Value}@{p.Timestamp}"))}] but got [{string.Join(" ", got.Points.Select(p => $"{p.Value}@{p.Timestamp}"))}]";
            }
            if (CompareHistograms(labels, histograms, got.Histograms ?? []) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    // As upstream: the same number of histogram points, each at the same time and equal as a histogram.
    private static string? CompareHistograms(LabelSet labels, List<(long Timestamp, SequenceValue Value)> expected, List<(long Timestamp, Model.Histograms.FloatHistogram Histogram)> got)
    {
        if (expected.Count != got.Count)
        {
            return $"series {labels}: expected {expected.Count} histogram points but got {got.Count}: [{string.Join(" ", got.Select(h => $"{h.Histogram}@{h.Timestamp}"))}]";
        }
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, g) = (expected[i], got[i]);
            if (e.Timestamp != g.Timestamp || !HistogramComparer.Equal(e.Value.Histogram!, g.Histogram, e.Value.HintSet))
            {
                return $"series {labels}: expected histogram {e.Value.Histogram}@{e.Timestamp} at index {i} but got {g.Histogram}@{g.Timestamp}";
            }
        }
        return null;
    }

    private static List<Point> ToPoints(List<SequenceValue> values, long from, long step)
    {
        var points = new List<Point>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!values[i].Omitted && !values[i].IsHistogram)
            {
                points.Add(new Point(from + (i * step), values[i].Value));
            }
        }
        return points;
    }

    private static List<(long Timestamp, SequenceValue Value)> ToHistograms(List<SequenceValue> values, long from, long step)
    {
        var histograms = new List<(long, SequenceValue)>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Histogram is not null)
            {
                histograms.Add((from + (i * step), values[i]));
            }
        }
        return histograms;
    }

    private static string Describe(List<VectorSample> samples) =>
        "[" + string.Join(", ", samples.Take(10).Select(s => $"{s.Metric} => {s.Value}")) + "]";

    /// <summary>Upstream's comparison: NaN equals NaN, otherwise relative difference below 1e-6.</summary>
    public static bool FloatEqual(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }
        if (expected == actual)
        {
            return true;
        }
        const double minNormal = 2.2250738585072014e-308;
        var absSum = Math.Abs(expected) + Math.Abs(actual);
        var diff = Math.Abs(expected - actual);
        if (expected == 0 || actual == 0 || absSum < minNormal)
        {
            return diff < Epsilon * minNormal;
        }
        return diff / Math.Min(absSum, double.MaxValue) < Epsilon;
    }
}
