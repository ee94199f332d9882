using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// The experimental <c>info(v, {selector})</c>: adds to each series of <c>v</c> the data labels of the info
/// series (default <c>target_info</c>) that share its identifying labels <c>instance</c> and <c>job</c>.
/// The selector's <c>__name__</c> matchers choose the info metrics, its other matchers both filter the info
/// series and name the data labels to add.
/// </summary>
internal static class InfoFunction
{
    private static readonly string[] Identifying = ["instance", "job"];

    public static QueryValue Invoke(Evaluator ev, Call c, long t)
    {
        var selector = c.Args.Count > 1 && c.Args[1] is VectorSelector vs ? vs.Matchers : [];
        var nameMatchers = InfoNameMatchers(selector.Where(m => m.Name == LabelName.MetricName).ToList());
        var dataMatchers = selector.Where(m => m.Name != LabelName.MetricName).ToList();
        var baseSeries = ev.EvalVector(c.Args[0], t);
        // Info series are not enriched themselves: a series every name matcher accepts passes through.
        var isInfo = baseSeries.Select(s => nameMatchers.All(m => m.Matches(s.Metric))).ToList();
        var infos = LatestPerSignature(SelectInfoSeries(ev, c, t, baseSeries, isInfo, nameMatchers.Concat(dataMatchers).ToList()));
        var infoNames = infos.Keys.Select(k => k.Get(LabelName.MetricName)).Distinct().ToList();
        var result = new List<VectorSample>(baseSeries.Count);
        for (var i = 0; i < baseSeries.Count; i++)
        {
            var s = baseSeries[i];
            if (isInfo[i])
            {
                result.Add(s with { Timestamp = t });
            }
            else if (Enrich(s.Metric, infos, infoNames, dataMatchers) is { } enriched)
            {
                result.Add(s with { Metric = enriched, Timestamp = t });
            }
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    // Without a positive name matcher the info metrics are the *_info ones the negative matchers leave;
    // without any (or without a selector) it is target_info.
    private static List<Matcher> InfoNameMatchers(List<Matcher> given)
    {
        if (given.Any(m => m.Type is MatcherType.Equal or MatcherType.Regexp))
        {
            return given;
        }
        if (given.Count > 0)
        {
            return [new Matcher(MatcherType.Regexp, LabelName.MetricName, ".+_info"), .. given];
        }
        return [new Matcher(MatcherType.Equal, LabelName.MetricName, "target_info")];
    }

    // The info series with an identifying label value some enriched series has, read as of the time the
    // first argument's @ and offset select (so info(v @ T) joins the info series of time T).
    private static List<VectorSample> SelectInfoSeries(Evaluator ev, Call c, long t, List<VectorSample> baseSeries, List<bool> isInfo, List<Matcher> matchers)
    {
        var wanted = Identifying.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal));
        for (var i = 0; i < baseSeries.Count; i++)
        {
            if (isInfo[i])
            {
                continue;
            }
            foreach (var name in Identifying)
            {
                if (baseSeries[i].Metric.Get(name) is { Length: > 0 } value)
                {
                    wanted[name].Add(value);
                }
            }
        }
        if (wanted.Values.All(v => v.Count == 0))
        {
            return [];
        }
        var infoSelector = new VectorSelector("", matchers) { Position = c.Position };
        var infos = ev.EvalVector(infoSelector, ReferenceTime(ev, c.Args[0], t));
        if (infos.Any(s => s.Histogram is not null))
        {
            throw new QueryException("info sample should be float");
        }
        return infos.Where(s => wanted.All(w => w.Value.Count == 0 || w.Value.Contains(s.Metric.Get(w.Key)))).ToList();
    }

    /// <summary>
    /// The time the info series are read at: the first selector's, after its offset and those of the
    /// subqueries around it, up to the innermost <c>@</c> (which pins it), or the step's time shifted by them.
    /// </summary>
    internal static long ReferenceTime(Evaluator ev, Expr arg, long t)
    {
        var path = PathToFirstSelector(arg);
        if (path is null)
        {
            return t;
        }
        long offset = 0;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            if (path[i] is not ITimeModified m)
            {
                continue;
            }
            offset += m.Offset;
            if (m.At is not null || m.AtKind != AtKind.None)
            {
                return ev.ResolveTime(m, t) - offset;
            }
        }
        return t - offset;
    }

    // The nodes from arg down to its first vector selector, depth first; null when there is none.
    private static List<Expr>? PathToFirstSelector(Expr node)
    {
        if (node is VectorSelector)
        {
            return [node];
        }
        foreach (var child in AstWalker.Children(node))
        {
            if (PathToFirstSelector(child) is { } path)
            {
                path.Insert(0, node);
                return path;
            }
        }
        return null;
    }

    // One info series per metric name and identifying labels: the one with the latest sample; two at the
    // same time are a conflict.
    private static Dictionary<LabelSet, VectorSample> LatestPerSignature(List<VectorSample> infos)
    {
        var latest = new Dictionary<LabelSet, VectorSample>();
        foreach (var info in infos)
        {
            var sig = Signature(info.Metric.Get(LabelName.MetricName), info.Metric);
            if (!latest.TryGetValue(sig, out var existing) || existing.Timestamp < info.Timestamp)
            {
                latest[sig] = info;
            }
            else if (existing.Timestamp == info.Timestamp)
            {
                throw new QueryException($"found duplicate series for info metric: existing {existing.Metric} @ {existing.Timestamp}, new {info.Metric} @ {info.Timestamp}");
            }
        }
        return latest;
    }

    private static LabelSet Signature(string infoName, LabelSet metric) =>
        metric.Keep(Identifying).With(LabelName.MetricName, infoName);

    // Null drops the series: no info series matched and a data matcher needs a non-empty value.
    private static LabelSet? Enrich(LabelSet metric, Dictionary<LabelSet, VectorSample> infos, List<string> infoNames, List<Matcher> dataMatchers)
    {
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        var matched = false;
        foreach (var infoName in infoNames)
        {
            if (!infos.TryGetValue(Signature(infoName, metric), out var info))
            {
                continue;
            }
            matched = true;
            foreach (var label in info.Metric)
            {
                if (label.Name == LabelName.MetricName || (dataMatchers.Count > 0 && !dataMatchers.Any(m => m.Name == label.Name)))
                {
                    continue;
                }
                if (added.TryGetValue(label.Name, out var existing) && existing != label.Value)
                {
                    throw new QueryException($"conflicting label: {label.Name}");
                }
                if (!metric.Has(label.Name))
                {
                    added[label.Name] = label.Value;
                }
            }
        }
        if (!matched)
        {
            return dataMatchers.All(m => m.MatchesEmpty) ? metric : null;
        }
        return added.Count == 0 ? metric : metric.Merge(LabelSet.From(added));
    }
}
