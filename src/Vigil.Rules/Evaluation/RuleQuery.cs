using Vigil.PromQL.Engine;
using Vigil.Storage;

namespace Vigil.Rules.Evaluation;

/// <summary>Evaluates a rule expression at a time (Unix milliseconds) and returns an instant vector.</summary>
/// <remarks>The host supplies this, so the rules library knows nothing of the storage behind it.</remarks>
public delegate IReadOnlyList<VectorSample> RuleQueryFunc(string query, long timestampMs);

/// <summary>Builds a <see cref="RuleQueryFunc"/> over a query engine and a querier.</summary>
public static class RuleQuery
{
    /// <summary>
    /// A query function that accepts vector and scalar results (a scalar becomes one sample without
    /// labels, as upstream does) and refuses the rest with upstream's message.
    /// </summary>
    public static RuleQueryFunc ForEngine(QueryEngine engine, ISeriesQuerier querier) => (query, ts) =>
    {
        var result = engine.Instant(querier, query, ts);
        return result.Value switch
        {
            VectorValue v => v.Samples,
            ScalarValue s => [new VectorSample(Vigil.Model.Labels.LabelSet.Empty, s.Timestamp, s.Value)],
            _ => throw new QueryException("rule result is not a vector or scalar"),
        };
    };
}
