using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Functions;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>Aggregations over a vector that holds native histograms.</summary>
internal sealed partial class Evaluator
{
    // Only read when the storage may hold histograms, so float-only queries never scan their input for them.
    private bool MayMeetHistograms => !ReferenceEquals(_querier, _histogramQuerier);

    private static bool AnyHistogram(List<VectorSample> input)
    {
        foreach (var s in input)
        {
            if (s.Histogram is not null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The input without its histograms, for the aggregations that only read floats; as upstream, an info
    /// says a histogram was ignored, at <paramref name="position"/>.
    /// </summary>
    private List<VectorSample> WithoutHistograms(string op, List<VectorSample> input, Expr position)
    {
        if (!MayMeetHistograms || !AnyHistogram(input))
        {
            return input;
        }
        Annotations.Info($"ignored histogram in {op} aggregation", Pos(position));
        return input.Where(s => s.Histogram is null).ToList();
    }

    private sealed class HistogramGroup(LabelSet key)
    {
        public LabelSet Key { get; } = key;

        public List<double> Floats { get; } = [];

        public FloatHistogram? Sum { get; set; }

        public List<FloatHistogram> Histograms { get; } = [];

        public bool Incompatible { get; set; }

        public bool SawReset { get; set; }

        public bool SawNotReset { get; set; }
    }

    /// <summary>
    /// <c>sum</c> and <c>avg</c> over floats and histograms, per group: histograms add up (avg divides by their
    /// number); a group mixing floats and histograms, or exponential and custom-bucket histograms, has no result
    /// and a warning; so does one whose samples said both "counter reset" and "not reset" (a warning, result kept).
    /// </summary>
    private List<VectorSample> SumOrAverageWithHistograms(AggregateExpr a, List<VectorSample> input, long t)
    {
        var groups = new Dictionary<LabelSet, HistogramGroup>();
        var order = new List<HistogramGroup>();
        foreach (var s in input)
        {
            var key = GroupKey(a, s.Metric);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new HistogramGroup(key);
                groups[key] = group;
                order.Add(group);
            }
            if (s.Histogram is { } h)
            {
                AddToGroup(a, group, h, s.Metric);
            }
            else
            {
                group.Floats.Add(s.Value);
            }
        }
        var result = new List<VectorSample>(order.Count);
        foreach (var group in order)
        {
            if (GroupResult(a, group, t) is { } sample)
            {
                result.Add(sample);
            }
        }
        return result;
    }

    private void AddToGroup(AggregateExpr a, HistogramGroup group, FloatHistogram h, LabelSet metric)
    {
        group.Histograms.Add(h);
        if (group.Incompatible)
        {
            return;
        }
        group.SawReset |= h.Hint == CounterResetHint.Reset;
        group.SawNotReset |= h.Hint == CounterResetHint.NotReset;
        if (group.Sum is null)
        {
            group.Sum = h;
            return;
        }
        try
        {
            group.Sum = group.Sum.Add(h, out var notes);
            if (notes.HasFlag(HistogramCombineNotes.CustomBoundsReconciled))
            {
                Annotations.Info("mismatched custom buckets were reconciled during aggregation", Pos(a.Inner));
            }
        }
        catch (IncompatibleHistogramsException)
        {
            Annotations.Warn($"vector contains a mix of histograms with exponential and custom buckets schemas for metric name \"{metric.Get(LabelName.MetricName)}\"", Pos(a.Inner));
            group.Incompatible = true;
        }
    }

    private VectorSample? GroupResult(AggregateExpr a, HistogramGroup group, long t)
    {
        if (group.Histograms.Count == 0)
        {
            return new VectorSample(group.Key, t, Aggregations.Apply(a.Op, group.Floats, 0));
        }
        if (group.Floats.Count > 0)
        {
            Annotations.Warn("encountered a mix of histograms and floats for aggregation", Pos(a.Inner));
            return null;
        }
        if (group.Incompatible)
        {
            return null;
        }
        if (group.SawReset && group.SawNotReset)
        {
            Annotations.Warn("conflicting counter resets during histogram aggregation", Pos(a.Inner));
        }
        // The pairwise sum settled the layout; each count is then summed (or averaged) across all inputs at
        // once with compensation, as upstream's Kahan summation keeps 1 in 1e100 + 1 - 1e100.
        var value = FloatHistogram.ReduceFieldwise(group.Histograms, group.Sum!, a.Op == "avg" ? Aggregations.Average : Aggregations.Sum);
        return new VectorSample(group.Key, t, 0) { Histogram = value };
    }
}
