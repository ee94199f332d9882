using Vigil.Model.Labels;
using Vigil.PromQL.Functions;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>Aggregation operators (<c>sum</c>, <c>topk</c>, <c>quantile</c>, ...).</summary>
internal sealed partial class Evaluator
{
    private readonly Dictionary<AggregateExpr, GroupSlots> _groupSlots = new(ReferenceEqualityComparer.Instance);

    private VectorValue EvalAggregate(AggregateExpr a, long t)
    {
        var input = EvalVector(a.Inner, t);
        return a.Op switch
        {
            "topk" or "bottomk" => new VectorValue(Selection.TopBottom(a, WithoutHistograms(a.Op, input, a), ParamK(a, t), a.Op == "topk", CachedGroupKey)),
            "limitk" => new VectorValue(Selection.Limit(a, input, ParamK(a, t), CachedGroupKey)),
            "limit_ratio" => new VectorValue(Selection.LimitRatio(a, input, ParamRatio(a, t), CachedGroupKey)),
            "count_values" => new VectorValue(CountValues(a, input, t)),
            _ => new VectorValue(Reduce(a, input, t)),
        };
    }

    private long ParamK(AggregateExpr a, long t)
    {
        var k = EvalScalar(a.Param!, t);
        if (double.IsNaN(k))
        {
            throw new QueryException("Parameter value is NaN");
        }
        return k >= long.MaxValue ? long.MaxValue : k <= long.MinValue ? long.MinValue : (long)k;
    }

    private double ParamRatio(AggregateExpr a, long t)
    {
        var r = EvalScalar(a.Param!, t);
        if (double.IsNaN(r))
        {
            throw new QueryException("Ratio value is NaN");
        }
        if (r < -1 || r > 1)
        {
            Annotations.Warn($"ratio value should be between -1 and 1, got {Printer.FormatNumber(r)}, capping to {(r < -1 ? -1 : 1)}", Pos(a.Param!));
        }
        return Math.Clamp(r, -1, 1);
    }

    /// <summary>
    /// The output labels of a group: <c>by</c> keeps the named labels, <c>without</c> drops them and the name
    /// (only the name: as upstream, <c>__type__</c> and <c>__unit__</c> stay unless listed).
    /// </summary>
    internal static LabelSet GroupKey(AggregateExpr a, LabelSet metric)
    {
        if (!a.Without)
        {
            return metric.Keep(a.Grouping);
        }
        return metric.Without(a.Grouping.Append(LabelName.MetricName));
    }

    private List<VectorSample> Reduce(AggregateExpr a, List<VectorSample> input, long t)
    {
        switch (a.Op)
        {
            case "sum" or "avg" when MayMeetHistograms && AnyHistogram(input):
                return SumOrAverageWithHistograms(a, input, t);
            case "min" or "max" or "stddev" or "stdvar" or "quantile":
                input = WithoutHistograms(a.Op, input, a.Inner);
                break;
        }
        double phi = 0;
        if (a.Op == "quantile")
        {
            phi = EvalScalar(a.Param!, t);
            if (double.IsNaN(phi) || phi < 0 || phi > 1)
            {
                Annotations.Warn($"quantile value should be between 0 and 1, got {Printer.FormatNumber(phi)}", Pos(a.Param!));
            }
        }
        if (!_groupSlots.TryGetValue(a, out var slots))
        {
            slots = new GroupSlots();
            _groupSlots[a] = slots;
        }
        Func<LabelSet, LabelSet> key = metric => GroupKey(a, metric);
        // By reference: the list indexer copies the whole sample, once per field read, per sample per step.
        var samples = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(input);
        for (var i = 0; i < samples.Length; i++)
        {
            ref readonly var s = ref samples[i];
            slots.Add(i, s.Metric, s.Value, s.DropName, key);
        }
        return slots.Drain(t, values => Aggregations.Apply(a.Op, values, phi));
    }

    private List<VectorSample> CountValues(AggregateExpr a, List<VectorSample> input, long t)
    {
        var label = ((StringValue)Eval(a.Param!, t)).Value;
        if (!LabelName.IsValid(label) || !System.Text.Unicode.Utf8.IsValid(System.Text.Encoding.UTF8.GetBytes(label)) || label.Contains('\uFFFD'))
        {
            throw new QueryException($"invalid label name {QuotedLabel(a.Param!, label)}");
        }
        var counts = new Dictionary<LabelSet, double>();
        var order = new List<LabelSet>();
        foreach (var s in input)
        {
            var value = s.Histogram is { } h ? HistogramValueText.Format(h) : Aggregations.FormatValue(s.Value);
            var key = GroupKey(a, s.Metric).With(label, value);
            if (!counts.TryGetValue(key, out var c))
            {
                order.Add(key);
            }
            counts[key] = c + 1;
        }
        return order.Select(k => new VectorSample(k, t, counts[k])).ToList();
    }

    // Go's %q shows bytes that are not UTF-8 as \x escapes. The decoded label has lost them (they became
    // U+FFFD), but a double-quoted literal in the query text still has them as written.
    private string QuotedLabel(Expr param, string label)
    {
        while (param is ParenExpr p)
        {
            param = p.Inner;
        }
        if (label.Contains('\uFFFD') && param is StringLiteral && param.Position < Query.Length && Query[param.Position] == '"'
            && Model.GoString.TryUnquote(Query, param.Position, out _, out var end, out _))
        {
            return Query[param.Position..end];
        }
        return Model.GoString.Quote(label);
    }
}
