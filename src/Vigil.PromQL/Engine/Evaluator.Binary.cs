using Vigil.Model.Labels;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>Binary operators: scalar/scalar, vector/scalar and vector/vector with matching.</summary>
internal sealed partial class Evaluator
{
    private QueryValue EvalBinary(BinaryExpr b, long t)
    {
        var lhs = Eval(b.Lhs, t);
        var rhs = Eval(b.Rhs, t);
        return (lhs, rhs) switch
        {
            (ScalarValue l, ScalarValue r) => new ScalarValue(t, ScalarOp(b.Op, l.Value, r.Value)),
            (VectorValue l, ScalarValue r) => VectorScalar(b, l.Samples, r.Value, swap: false, t),
            (ScalarValue l, VectorValue r) => VectorScalar(b, r.Samples, l.Value, swap: true, t),
            (VectorValue l, VectorValue r) => VectorVector(b, l.Samples, r.Samples, t),
            _ => throw new QueryException("invalid operand types for binary operation"),
        };
    }

    private static double ScalarOp(TokenKind op, double l, double r)
    {
        if (PromQLParser.IsTrim(op))
        {
            throw new QueryException($"operator \"{Printer.OpText(op)}\" not allowed for Scalar operations");
        }
        var (value, keep) = ElementOp(op, l, r);
        return PromQLParser.IsComparison(op) ? (keep ? 1 : 0) : value;
    }

    /// <summary>One element's result and, for comparisons, whether it passes.</summary>
    internal static (double Value, bool Keep) ElementOp(TokenKind op, double l, double r) => op switch
    {
        TokenKind.Add => (l + r, true),
        TokenKind.Sub => (l - r, true),
        TokenKind.Mul => (l * r, true),
        TokenKind.Div => (l / r, true),
        TokenKind.Pow => (Math.Pow(l, r), true),
        TokenKind.Mod => (l % r, true),
        TokenKind.Atan2 => (Math.Atan2(l, r), true),
        TokenKind.Eql => (l, l == r),
        TokenKind.Neq => (l, l != r),
        TokenKind.Gtr => (l, l > r),
        TokenKind.Lss => (l, l < r),
        TokenKind.Gte => (l, l >= r),
        TokenKind.Lte => (l, l <= r),

        // Trims act on histograms only; a float operand gives no result (see TrimElement).
        TokenKind.TrimUpper or TokenKind.TrimLower => (0, false),
        _ => throw new QueryException($"operator \"{Printer.OpText(op)}\" not allowed for scalar operations"),
    };

    private VectorValue VectorScalar(BinaryExpr b, List<VectorSample> vector, double scalar, bool swap, long t)
    {
        var comparison = PromQLParser.IsComparison(b.Op);
        var result = new List<VectorSample>(vector.Count);
        foreach (var s in vector)
        {
            if (PromQLParser.IsTrim(b.Op))
            {
                var scalarSample = new VectorSample(LabelSet.Empty, t, scalar);
                if ((swap ? TrimElement(b, scalarSample, s, s.Metric, t) : TrimElement(b, s, scalarSample, s.Metric, t)) is { } trimmed)
                {
                    result.Add(trimmed);
                }
                continue;
            }
            if (s.Histogram is { } h)
            {
                var element = swap ? HistogramElementOp(b, scalar, null, 0, h) : HistogramElementOp(b, 0, h, scalar, null);
                if (!element.Dropped)
                {
                    var template = PromQLParser.DropsMetricName(b.Op) || b.ReturnBool
                        ? NameDropped(s.Metric, t, 0)
                        : new VectorSample(s.Metric, t, 0) { DropName = s.DropName };
                    AddElement(result, b, template, element);
                }
                continue;
            }
            var (l, r) = swap ? (scalar, s.Value) : (s.Value, scalar);
            var (value, keep) = ElementOp(b.Op, l, r);
            if (comparison && swap)
            {
                value = s.Value;
            }
            if (b.ReturnBool)
            {
                value = keep ? 1 : 0;
                keep = true;
            }
            if (keep)
            {
                result.Add(PromQLParser.DropsMetricName(b.Op) || b.ReturnBool ? NameDropped(s.Metric, t, value) : new VectorSample(s.Metric, t, value) { DropName = s.DropName });
            }
        }
        EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    private VectorValue VectorVector(BinaryExpr b, List<VectorSample> lhs, List<VectorSample> rhs, long t)
    {
        var matching = b.Matching!;
        return b.Op switch
        {
            TokenKind.And => new VectorValue(SetAnd(lhs, rhs, matching)),
            TokenKind.Or => new VectorValue(SetOr(lhs, rhs, matching)),
            TokenKind.Unless => new VectorValue(SetUnless(lhs, rhs, matching)),
            _ => new VectorValue(MatchedOp(b, lhs, rhs, matching, t)),
        };
    }

    /// <summary>The labels that decide which series of the two sides match.</summary>
    private static LabelSet Signature(LabelSet metric, VectorMatching m) =>
        m.On ? metric.Keep(m.MatchingLabels) : metric.Without(m.MatchingLabels.Append(LabelName.MetricName));

    private static List<VectorSample> SetAnd(List<VectorSample> lhs, List<VectorSample> rhs, VectorMatching m)
    {
        var right = rhs.Select(s => Signature(s.Metric, m)).ToHashSet();
        return lhs.Where(s => right.Contains(Signature(s.Metric, m))).ToList();
    }

    private static List<VectorSample> SetOr(List<VectorSample> lhs, List<VectorSample> rhs, VectorMatching m)
    {
        var left = lhs.Select(s => Signature(s.Metric, m)).ToHashSet();
        return lhs.Concat(rhs.Where(s => !left.Contains(Signature(s.Metric, m)))).ToList();
    }

    private static List<VectorSample> SetUnless(List<VectorSample> lhs, List<VectorSample> rhs, VectorMatching m)
    {
        var right = rhs.Select(s => Signature(s.Metric, m)).ToHashSet();
        return lhs.Where(s => !right.Contains(Signature(s.Metric, m))).ToList();
    }

    private List<VectorSample> MatchedOp(BinaryExpr b, List<VectorSample> lhs, List<VectorSample> rhs, VectorMatching m, long t)
    {
        var swapped = m.Cardinality == MatchCardinality.OneToMany;
        var (fillMany, fillOne) = (m.FillLeft, m.FillRight);
        if ((lhs.Count == 0 && rhs.Count == 0) || ((lhs.Count == 0 || rhs.Count == 0) && fillMany is null && fillOne is null))
        {
            return [];
        }
        if (swapped)
        {
            (lhs, rhs) = (rhs, lhs);
        }
        var oneSide = IndexOneSide(rhs, m, swapped);
        var matchedOneToOne = new HashSet<LabelSet>();
        var matchedGrouped = new Dictionary<LabelSet, HashSet<LabelSet>>();
        var result = new List<VectorSample>();
        void Apply(VectorSample ls, VectorSample rs, LabelSet sig)
        {
            if (PromQLParser.IsTrim(b.Op))
            {
                var trimMetric = ResultMetric(ls.Metric, rs.Metric, b, m, DelayNameRemoval);
                CheckCardinality(m, sig, trimMetric, matchedOneToOne, matchedGrouped);
                if ((swapped ? TrimElement(b, rs, ls, trimMetric, t) : TrimElement(b, ls, rs, trimMetric, t)) is { } trimmed)
                {
                    result.Add(trimmed);
                }
                return;
            }
            if (ls.Histogram is not null || rs.Histogram is not null)
            {
                var (el, er) = swapped ? (rs, ls) : (ls, rs);
                var element = HistogramElementOp(b, el.Value, el.Histogram, er.Value, er.Histogram);
                if (!element.Dropped)
                {
                    var elementMetric = ResultMetric(ls.Metric, rs.Metric, b, m, DelayNameRemoval);
                    CheckCardinality(m, sig, elementMetric, matchedOneToOne, matchedGrouped);
                    var dropName = b.ReturnBool || (ls.DropName && !PromQLParser.DropsMetricName(b.Op));
                    AddElement(result, b, new VectorSample(elementMetric, t, 0) { DropName = dropName }, element);
                }
                return;
            }
            var (fl, fr) = swapped ? (rs.Value, ls.Value) : (ls.Value, rs.Value);
            var (value, keep) = ElementOp(b.Op, fl, fr);
            if (b.ReturnBool)
            {
                value = keep ? 1 : 0;
            }
            var metric = ResultMetric(ls.Metric, rs.Metric, b, m, DelayNameRemoval);
            CheckCardinality(m, sig, metric, matchedOneToOne, matchedGrouped);
            if (keep || b.ReturnBool)
            {
                // Arithmetic drops the name at once even when removal is delayed; a bool comparison marks it.
                result.Add(new VectorSample(metric, t, value) { DropName = b.ReturnBool || (ls.DropName && !PromQLParser.DropsMetricName(b.Op)) });
            }
        }
        foreach (var ls in lhs)
        {
            var sig = Signature(ls.Metric, m);
            if (oneSide.TryGetValue(sig, out var rs))
            {
                Apply(ls, rs, sig);
            }
            else if (fillOne is { } f)
            {
                Apply(ls, new VectorSample(sig, t, f), sig);
            }
        }
        if (fillMany is { } fm)
        {
            foreach (var rs in rhs)
            {
                var sig = Signature(rs.Metric, m);
                var matched = m.Cardinality == MatchCardinality.OneToOne ? matchedOneToOne.Contains(sig) : matchedGrouped.TryGetValue(sig, out var set) && set.Count > 0;
                if (!matched)
                {
                    Apply(new VectorSample(sig, t, fm), rs, sig);
                }
            }
        }
        return result;
    }

    // A histogram pair's result under the template's labels: 1/0 under bool, else the value when it passes.
    private static void AddElement(List<VectorSample> result, BinaryExpr b, VectorSample template, HistogramElementResult element)
    {
        if (b.ReturnBool)
        {
            result.Add(template with { Value = element.Keep ? 1 : 0 });
        }
        else if (element.Keep)
        {
            result.Add(template with { Value = element.Value, Histogram = element.Histogram });
        }
    }

    private static Dictionary<LabelSet, VectorSample> IndexOneSide(List<VectorSample> rhs, VectorMatching m, bool swapped)
    {
        var index = new Dictionary<LabelSet, VectorSample>();
        foreach (var rs in rhs)
        {
            var sig = Signature(rs.Metric, m);
            if (index.TryGetValue(sig, out var dup))
            {
                var (a, c) = string.CompareOrdinal(rs.Metric.ToString(), dup.Metric.ToString()) < 0
                    ? (rs.Metric.ToString(), dup.Metric.ToString())
                    : (dup.Metric.ToString(), rs.Metric.ToString());
                throw new QueryException($"found duplicate series for the match group {sig} on the {(swapped ? "left" : "right")} hand-side of the operation: [{a}, {c}];many-to-many matching not allowed: matching labels must be unique on one side");
            }
            index[sig] = rs;
        }
        return index;
    }

    private static void CheckCardinality(VectorMatching m, LabelSet sig, LabelSet metric, HashSet<LabelSet> oneToOne, Dictionary<LabelSet, HashSet<LabelSet>> grouped)
    {
        if (m.Cardinality == MatchCardinality.OneToOne)
        {
            if (!oneToOne.Add(sig))
            {
                throw new QueryException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
            return;
        }
        if (!grouped.TryGetValue(sig, out var inserted))
        {
            inserted = [];
            grouped[sig] = inserted;
        }
        if (!inserted.Add(metric))
        {
            throw new QueryException("multiple matches for labels: grouping labels must ensure unique matches");
        }
    }

    private static LabelSet ResultMetric(LabelSet many, LabelSet one, BinaryExpr b, VectorMatching m, bool delayNameRemoval)
    {
        var labels = many.ToDictionary();
        if (PromQLParser.DropsMetricName(b.Op) || (b.ReturnBool && !delayNameRemoval))
        {
            foreach (var name in ReservedMetadata)
            {
                labels.Remove(name);
            }
        }
        if (m.Cardinality == MatchCardinality.OneToOne)
        {
            var names = m.MatchingLabels.ToHashSet();
            foreach (var name in labels.Keys.ToList())
            {
                if (m.On != names.Contains(name))
                {
                    labels.Remove(name);
                }
            }
        }
        foreach (var name in m.Include)
        {
            labels[name] = one.Get(name);
        }
        return LabelSet.From(labels);
    }
}
