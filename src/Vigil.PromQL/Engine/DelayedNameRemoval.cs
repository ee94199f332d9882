using Vigil.Model.Labels;

namespace Vigil.PromQL.Engine;

/// <summary>
/// The last step of a query under delayed name removal: the series marked along the way lose their name (and
/// <c>__type__</c>, <c>__unit__</c>) now. Series that only the name told apart then collide: in an instant vector
/// that fails the query; in a matrix they merge into one series, unless they have a value at the same time.
/// </summary>
internal static class DelayedNameRemoval
{
    private const string Collision = "vector cannot contain metrics with the same labelset";

    /// <summary>The query's result with pending name removals applied.</summary>
    public static QueryValue Apply(QueryValue value) => value switch
    {
        VectorValue v => new VectorValue(Apply(v.Samples)),
        MatrixValue m => new MatrixValue(Merge(m.Series.Select(Apply).ToList())),
        _ => value,
    };

    private static List<VectorSample> Apply(List<VectorSample> samples)
    {
        var result = new List<VectorSample>(samples.Count);
        foreach (var s in samples)
        {
            result.Add(s.DropName ? s with { Metric = Evaluator.DropName(s.Metric), DropName = false } : s);
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return result;
    }

    private static SeriesValue Apply(SeriesValue s) =>
        s.DropName ? new SeriesValue(Evaluator.DropName(s.Metric), s.Points) { Histograms = s.Histograms } : s;

    // Series of the same labels interleave by time; two values at one time are a collision.
    private static List<SeriesValue> Merge(List<SeriesValue> series)
    {
        var byLabels = new Dictionary<LabelSet, List<SeriesValue>>(series.Count);
        var order = new List<LabelSet>(series.Count);
        foreach (var s in series)
        {
            if (!byLabels.TryGetValue(s.Metric, out var same))
            {
                same = [];
                byLabels[s.Metric] = same;
                order.Add(s.Metric);
            }
            same.Add(s);
        }
        if (order.Count == series.Count)
        {
            return series;
        }
        return order.Select(labels => MergeSame(byLabels[labels])).ToList();
    }

    private static SeriesValue MergeSame(List<SeriesValue> same)
    {
        if (same.Count == 1)
        {
            return same[0];
        }
        var points = same.SelectMany(s => s.Points).OrderBy(p => p.Timestamp).ToList();
        var histograms = same.SelectMany(s => s.Histograms ?? []).OrderBy(h => h.Timestamp).ToList();
        var times = points.Select(p => p.Timestamp).Concat(histograms.Select(h => h.Timestamp)).ToList();
        if (times.Count != times.Distinct().Count())
        {
            throw new QueryException(Collision);
        }
        return new SeriesValue(same[0].Metric, points) { Histograms = histograms.Count > 0 ? histograms : null };
    }
}
