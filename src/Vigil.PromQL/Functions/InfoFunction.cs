using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// The experimental <c>info(v, {selector})</c>: adds data labels of info metrics (default
/// <c>target_info</c>) that share the identifying labels <c>instance</c> and <c>job</c> with each series.
/// </summary>
internal static class InfoFunction
{
    private static readonly string[] Identifying = ["instance", "job"];

    public static QueryValue Invoke(Evaluator ev, Call c, long t)
    {
        var matchers = c.Args.Count > 1 && c.Args[1] is VectorSelector vs ? vs.Matchers.ToList() : [];
        var nameMatchers = matchers.Where(m => m.Name == LabelName.MetricName).ToList();
        if (nameMatchers.Count == 0)
        {
            nameMatchers.Add(new Matcher(MatcherType.Equal, LabelName.MetricName, "target_info"));
        }
        var dataMatchers = matchers.Where(m => m.Name != LabelName.MetricName).ToList();
        var infoSelector = new VectorSelector("", nameMatchers.Concat(dataMatchers).ToList()) { Position = c.Position };
        var infos = ev.EvalVector(infoSelector, t)
            .Where(s => s.Metric.Get(LabelName.MetricName).EndsWith("_info", StringComparison.Ordinal))
            .ToList();
        var result = new List<VectorSample>();
        foreach (var s in ev.EvalVector(c.Args[0], t))
        {
            if (IsInfoSeries(s.Metric, nameMatchers))
            {
                result.Add(s with { Timestamp = t });
                continue;
            }
            var enriched = Enrich(s.Metric, infos, dataMatchers);
            if (enriched is not null)
            {
                result.Add(new VectorSample(enriched, t, s.Value));
            }
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    private static bool IsInfoSeries(LabelSet metric, List<Matcher> nameMatchers) =>
        metric.Has(LabelName.MetricName) && nameMatchers.All(m => m.Matches(metric));

    // Null drops the series: no info series matched and a data matcher needs a non-empty value.
    private static LabelSet? Enrich(LabelSet metric, List<VectorSample> infos, List<Matcher> dataMatchers)
    {
        var matching = infos.Where(i => Identifying.All(n => i.Metric.Get(n) == metric.Get(n))).ToList();
        if (matching.Count == 0)
        {
            return dataMatchers.All(m => m.MatchesEmpty) ? metric : null;
        }
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in LatestPerName(matching))
        {
            foreach (var label in info.Metric)
            {
                if (!Wanted(label.Name, dataMatchers) || metric.Has(label.Name))
                {
                    continue;
                }
                if (added.TryGetValue(label.Name, out var existing) && existing != label.Value)
                {
                    throw new QueryException($"conflicting label: {label.Name}");
                }
                added[label.Name] = label.Value;
            }
        }
        return metric.Merge(LabelSet.From(added));
    }

    private static bool Wanted(string name, List<Matcher> dataMatchers) =>
        name != LabelName.MetricName && (dataMatchers.Count == 0 ? !Identifying.Contains(name) : dataMatchers.Any(m => m.Name == name));

    // Of several series of one info metric, the most recent sample wins; a tie is a conflict.
    private static IEnumerable<VectorSample> LatestPerName(List<VectorSample> infos)
    {
        foreach (var group in infos.GroupBy(i => i.Metric.Get(LabelName.MetricName)))
        {
            var latest = group.Max(i => i.Timestamp);
            var candidates = group.Where(i => i.Timestamp == latest).ToList();
            if (candidates.Count > 1)
            {
                throw new QueryException($"conflicting label: found {candidates.Count} info series of {group.Key} at the same time");
            }
            yield return candidates[0];
        }
    }
}
