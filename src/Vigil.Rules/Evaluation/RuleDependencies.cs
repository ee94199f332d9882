using Vigil.Model.Labels;
using Vigil.PromQL.Parser;

namespace Vigil.Rules.Evaluation;

/// <summary>
/// Which rules of a group must run before which, for concurrent rule evaluation. As upstream, a rule depends on
/// an earlier rule when one of its selectors' metric-name matchers matches that rule's name, or when it selects
/// <c>ALERTS</c>/<c>ALERTS_FOR_STATE</c> and the earlier rule is an alerting rule its <c>alertname</c> matcher (if
/// any) accepts; a selector without a metric-name matcher (<c>{job="x"}</c>), or an expression that does not
/// parse, makes the whole group's dependencies unknown, and so does (in Vigil only) an alerting rule whose
/// templates may call <c>query</c>.
/// </summary>
/// <remarks>
/// Two orderings upstream leaves free are kept too, so that results are always those of evaluation in order: a
/// rule reading a later rule's output runs before it (and so reads its previous evaluation, as in order), and a
/// rule with the same name as an earlier rule (writing the same series) runs after it. Every such edge goes from
/// a lower index to a higher one, so running batches in index order respects them all.
/// </remarks>
public sealed class RuleDependencies
{
    private readonly HashSet<int>[] _dependents;
    private readonly HashSet<int>[] _dependencies;

    private RuleDependencies(int count)
    {
        _dependents = [.. Enumerable.Range(0, count).Select(_ => new HashSet<int>())];
        _dependencies = [.. Enumerable.Range(0, count).Select(_ => new HashSet<int>())];
    }

    /// <summary>The indexes of the rules that must run after rule <paramref name="index"/> (mostly: that read its output).</summary>
    public IReadOnlySet<int> DependentsOf(int index) => _dependents[index];

    /// <summary>The indexes of the rules that must run before rule <paramref name="index"/> (mostly: whose output it reads).</summary>
    public IReadOnlySet<int> DependenciesOf(int index) => _dependencies[index];

    /// <summary>The dependencies between <paramref name="rules"/>, or null when they cannot be known.</summary>
    public static RuleDependencies? Analyse(IReadOnlyList<IRule> rules)
    {
        var map = new RuleDependencies(rules.Count);
        if (rules.Count <= 1)
        {
            return map;
        }
        for (var i = 0; i < rules.Count; i++)
        {
            if (Selectors(rules[i].Expr) is not { } selectors || MayQueryInTemplates(rules[i]))
            {
                return null;
            }
            foreach (var selector in selectors)
            {
                if (NameMatcher(selector) is not { } name)
                {
                    // A selector on labels alone may read any rule's output.
                    return null;
                }
                map.AddReads(rules, i, name, selector);
            }
            for (var earlier = 0; earlier < i; earlier++)
            {
                if (rules[earlier].Name == rules[i].Name)
                {
                    map.Add(earlier, i);
                }
            }
        }
        return map;
    }

    /// <summary>
    /// The group's rules in batches run one after another, the rules of a batch free to run at once, as upstream
    /// splits them: first every rule that reads no other rule's output, then one at a time each rule that both
    /// reads and is read, then every rule nothing reads. Unknown dependencies (<paramref name="map"/> null) give
    /// one rule per batch, which is evaluation in order.
    /// </summary>
    public static IReadOnlyList<int[]> Batches(RuleDependencies? map, int count)
    {
        if (map is null)
        {
            return [.. Enumerable.Range(0, count).Select(i => new[] { i })];
        }
        var independent = Enumerable.Range(0, count).Where(i => map._dependencies[i].Count == 0).ToArray();
        var chained = Enumerable.Range(0, count).Where(i => map._dependencies[i].Count > 0 && map._dependents[i].Count > 0);
        var last = Enumerable.Range(0, count).Where(i => map._dependencies[i].Count > 0 && map._dependents[i].Count == 0).ToArray();
        var batches = new List<int[]>();
        if (independent.Length > 0)
        {
            batches.Add(independent);
        }
        batches.AddRange(chained.Select(i => new[] { i }));
        if (last.Length > 0)
        {
            batches.Add(last);
        }
        return batches;
    }

    /// <summary>Orders rule <paramref name="index"/> after each earlier rule it reads, and before each later one.</summary>
    private void AddReads(IReadOnlyList<IRule> rules, int index, Matcher name, VectorSelector selector)
    {
        var readsAlerts = name.Matches("ALERTS") || name.Matches("ALERTS_FOR_STATE");
        var alertName = readsAlerts ? selector.Matchers.FirstOrDefault(m => m.Name == "alertname") : null;
        for (var other = 0; other < rules.Count; other++)
        {
            var rule = rules[other];
            var reads = other != index && (name.Matches(rule.Name)
                || (readsAlerts && rule is AlertingRule && (alertName is null || alertName.Matches(rule.Name))));
            if (reads)
            {
                Add(Math.Min(index, other), Math.Max(index, other));
            }
        }
    }

    private void Add(int before, int after)
    {
        _dependents[before].Add(after);
        _dependencies[after].Add(before);
    }

    private static List<VectorSelector>? Selectors(string expr)
    {
        try
        {
            // Every language feature on: the rule was loaded, so its features were allowed by the server's
            // --enable-feature then; only its selectors matter here.
            return [.. AstWalker.DescendantsAndSelf(PromQLParser.Parse(expr, ParserOptions.AllEnabled)).OfType<VectorSelector>()];
        }
        catch (ParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether an alerting rule's labels or annotations may call the <c>query</c> template function, which can
    /// read any series (upstream does not look; Vigil plays safe, a false alarm only costs concurrency).
    /// </summary>
    private static bool MayQueryInTemplates(IRule rule) => rule is AlertingRule alerting
        && alerting.Labels.Values.Concat(alerting.Annotations.Values).Any(t => t.Contains("query", StringComparison.Ordinal));

    private static Matcher? NameMatcher(VectorSelector selector) => selector.Name.Length > 0
        ? new Matcher(MatcherType.Equal, LabelName.MetricName, selector.Name)
        : selector.Matchers.FirstOrDefault(m => m.Name == LabelName.MetricName);
}
