using Vigil.Model.Labels;
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

    private static void Remember(Dictionary<LabelSet, LabelSet> cache, LabelSet from, LabelSet to)
    {
        if (cache.Count >= LabelCacheLimit)
        {
            cache.Clear();
        }
        cache[from] = to;
    }
}
