using Vigil.Model.Labels;
using Vigil.PromQL.Functions;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Memoised label transformations. Every step of a range query sees the same series objects again, so
/// dropping the name or computing a group key once per series (keyed by reference) spares an allocation
/// and a hash per sample per step.
/// </summary>
internal sealed partial class Evaluator
{
    // Label sets built afresh at each step (by binary operators, label_replace) never hit again; clearing
    // past this size keeps such queries from growing the caches without bound.
    private const int LabelCacheLimit = 200_000;

    private readonly Dictionary<LabelSet, LabelSet> _withoutName = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AggregateExpr, Dictionary<LabelSet, LabelSet>> _groupKeys = new(ReferenceEqualityComparer.Instance);

    private readonly Dictionary<LabelSet, HistogramFunctions.BucketLabels> _bucketLabels = new(ReferenceEqualityComparer.Instance);

    private readonly Dictionary<Expr, LabelSet[]> _uniqueChecked = new(ReferenceEqualityComparer.Instance);

    /// <summary>A list of floats a function may fill and reduce in place; it is overwritten by the next use.</summary>
    public List<double> ScratchValues { get; } = [];

    /// <summary><see cref="DropName"/>, remembered per label set object for the rest of the query.</summary>
    public LabelSet WithoutName(LabelSet labels)
    {
        if (!_withoutName.TryGetValue(labels, out var dropped))
        {
            dropped = DropName(labels);
            Remember(_withoutName, labels, dropped);
        }
        return dropped;
    }

    /// <summary><see cref="GroupKey"/>, remembered per aggregation and label set object for the rest of the query.</summary>
    public LabelSet CachedGroupKey(AggregateExpr a, LabelSet metric)
    {
        if (!_groupKeys.TryGetValue(a, out var keys))
        {
            keys = new Dictionary<LabelSet, LabelSet>(ReferenceEqualityComparer.Instance);
            _groupKeys[a] = keys;
        }
        if (!keys.TryGetValue(metric, out var key))
        {
            key = GroupKey(a, metric);
            Remember(keys, metric, key);
        }
        return key;
    }

    /// <summary>
    /// The group key, output labels and bound of a classic histogram bucket series, remembered per label set
    /// object: <c>histogram_quantile</c> sees the same bucket series at every step of a range query.
    /// </summary>
    internal HistogramFunctions.BucketLabels BucketLabels(LabelSet metric, Func<LabelSet, HistogramFunctions.BucketLabels> describe)
    {
        if (!_bucketLabels.TryGetValue(metric, out var bucket))
        {
            bucket = describe(metric);
            if (_bucketLabels.Count >= LabelCacheLimit)
            {
                _bucketLabels.Clear();
            }
            _bucketLabels[metric] = bucket;
        }
        return bucket;
    }

    private static void Remember(Dictionary<LabelSet, LabelSet> cache, LabelSet from, LabelSet to)
    {
        if (cache.Count >= LabelCacheLimit)
        {
            cache.Clear();
        }
        cache[from] = to;
    }

    /// <summary>
    /// <see cref="EnsureUniqueLabelSets(List{VectorSample})"/> for the result of <paramref name="node"/>, skipped when
    /// the result holds exactly the label set objects, in the same order, that passed at the node's previous step:
    /// uniqueness is a property of those objects, and a range query's steps mostly see the same ones again.
    /// </summary>
    public void EnsureUniqueLabelSets(Expr node, List<VectorSample> samples)
    {
        _uniqueChecked.TryGetValue(node, out var passed);
        if (passed is not null && SameMetrics(passed, samples))
        {
            return;
        }
        EnsureUniqueLabelSets(samples);
        var metrics = passed?.Length == samples.Count ? passed : new LabelSet[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            metrics[i] = samples[i].Metric;
        }
        _uniqueChecked[node] = metrics;
    }

    private static bool SameMetrics(LabelSet[] passed, List<VectorSample> samples)
    {
        if (passed.Length != samples.Count)
        {
            return false;
        }
        for (var i = 0; i < passed.Length; i++)
        {
            if (!ReferenceEquals(passed[i], samples[i].Metric))
            {
                return false;
            }
        }
        return true;
    }
}
