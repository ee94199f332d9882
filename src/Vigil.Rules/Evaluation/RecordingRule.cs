using Vigil.Model.Labels;
using Vigil.PromQL.Engine;

namespace Vigil.Rules.Evaluation;

/// <summary>A recording rule: stores its expression's result under a new metric name.</summary>
public sealed class RecordingRule(string name, string expr, IReadOnlyDictionary<string, string> labels) : IRule
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public string Expr { get; } = expr;

    /// <inheritdoc/>
    public string Query { get; } = CanonicalQuery.Of(expr);

    /// <summary>Labels set on every output series (group labels already merged).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    /// <inheritdoc/>
    public RuleHealthInfo Health { get; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<VectorSample> Eval(DateTimeOffset ts, TimeSpan queryOffset, RuleContext context, long limit)
    {
        var result = context.Query(Expr, (ts - queryOffset).ToUnixTimeMilliseconds());
        var output = new List<VectorSample>(result.Count);
        var seen = new HashSet<LabelSet>();
        foreach (var sample in result)
        {
            var labels = sample.Metric.ToDictionary();
            labels["__name__"] = Name;
            foreach (var (n, v) in Labels)
            {
                labels[n] = v;
            }
            var set = LabelSet.From(labels);
            if (!seen.Add(set))
            {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            }
            output.Add(sample with { Metric = set });
        }
        if (limit > 0 && output.Count > limit)
        {
            throw new RuleEvaluationException($"exceeded limit of {limit} with {output.Count} series");
        }
        return output;
    }
}
