using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>Aggregations that select whole series per group rather than computing a value.</summary>
internal static class Selection
{
    public static List<VectorSample> TopBottom(AggregateExpr a, List<VectorSample> input, long k, bool top, Func<AggregateExpr, LabelSet, LabelSet> key)
    {
        var result = new List<VectorSample>();
        if (k < 1)
        {
            return result;
        }
        foreach (var group in Groups(a, input, key))
        {
            var heap = new SelectionHeap(keepLargest: top);
            foreach (var s in group)
            {
                heap.Offer(s, k);
            }
            // NaN ranks below every number for topk and above every number for bottomk.
            var ordered = top
                ? heap.Items.OrderByDescending(s => double.IsNaN(s.Value) ? double.NegativeInfinity : s.Value).ThenBy(s => double.IsNaN(s.Value))
                : heap.Items.OrderBy(s => double.IsNaN(s.Value) ? double.PositiveInfinity : s.Value).ThenBy(s => double.IsNaN(s.Value));
            result.AddRange(ordered);
        }
        return result;
    }

    public static List<VectorSample> Limit(AggregateExpr a, List<VectorSample> input, long k, Func<AggregateExpr, LabelSet, LabelSet> key)
    {
        if (k < 1)
        {
            return [];
        }
        return Groups(a, input, key).SelectMany(g => g.Take((int)Math.Min(k, int.MaxValue))).ToList();
    }

    // A series is kept by its hash's position in [0, 1), so the same series stay selected as data changes.
    public static List<VectorSample> LimitRatio(AggregateExpr a, List<VectorSample> input, double ratio, Func<AggregateExpr, LabelSet, LabelSet> key)
    {
        return input.Where(s =>
        {
            var position = s.Metric.Fingerprint.Value / (double)ulong.MaxValue;
            return ratio >= 0 ? position < ratio : position >= 1 + ratio;
        }).ToList();
    }

    private static List<List<VectorSample>> Groups(AggregateExpr a, List<VectorSample> input, Func<AggregateExpr, LabelSet, LabelSet> key)
    {
        if (!a.Without && a.Grouping.Count == 0)
        {
            // No grouping labels: every sample is in the one group, in input order, as the loop below would put it.
            return input.Count == 0 ? [] : [input];
        }
        var groups = new Dictionary<LabelSet, List<VectorSample>>();
        var order = new List<List<VectorSample>>();
        foreach (var s in input)
        {
            var k = key(a, s.Metric);
            if (!groups.TryGetValue(k, out var g))
            {
                g = [];
                groups[k] = g;
                order.Add(g);
            }
            g.Add(s);
        }
        return order;
    }
}
