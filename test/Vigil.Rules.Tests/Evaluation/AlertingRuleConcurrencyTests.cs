using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

/// <summary>The rules and alerts APIs read a rule's alerts while its group evaluates on another thread.</summary>
public sealed class AlertingRuleConcurrencyTests
{
    private const int Series = 40;
    private const int Evaluations = 300;

    // Series i has the value k*100+i at evaluation k, and the rule keeps those with (k+i) % 3 != 0: every
    // evaluation adds, updates and resolves alerts. A consistent read sees the active alerts of one evaluation
    // only, all with the same k, sorted by labels, with the highest state matching the list.
    [Fact]
    public async Task ActiveAlertsAndState_ReadDuringEvaluations_EachReadIsOneWholeEvaluation()
    {
        var bed = new RuleTestBed();
        var app = bed.Storage.Appender();
        for (var k = 1; k <= Evaluations; k++)
        {
            for (var i = 0; i < Series; i++)
            {
                app.Append(LabelSet.Of("__name__", "m", "i", i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), At(k).ToUnixTimeMilliseconds(), (k * 100) + i);
            }
        }
        app.Commit();
        var rule = new AlertingRule("M", "m and (m % 3 != 0)", TimeSpan.Zero, TimeSpan.Zero, new Dictionary<string, string>(), new Dictionary<string, string>());
        var group = bed.Group(TimeSpan.FromSeconds(1), rule);
        var done = 0;
        var evaluate = Task.Run(() =>
        {
            try
            {
                for (var k = 1; k <= Evaluations; k++)
                {
                    group.Evaluate(At(k), bed.Time);
                }
            }
            finally
            {
                Volatile.Write(ref done, 1);
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var problems = new List<string>();
            var reads = 0;
            while (Volatile.Read(ref done) == 0 || reads == 0)
            {
                reads++;
                problems.AddRange(Check(rule));
            }
            return problems;
        })).ToArray();

        await evaluate;
        var found = (await Task.WhenAll(readers)).SelectMany(p => p).Distinct().Take(10).ToList();

        Assert.Empty(found);
        Assert.Equal(RuleHealth.Ok, rule.Health.Health);
    }

    private static IEnumerable<string> Check(AlertingRule rule)
    {
        var alerts = rule.ActiveAlerts;
        var active = alerts.Where(a => a.State != AlertState.Inactive).ToList();
        var evaluations = active.Select(a => (int)a.Value / 100).Distinct().ToList();
        if (evaluations.Count > 1)
        {
            yield return $"one read mixes evaluations {string.Join(",", evaluations)}";
        }
        for (var j = 1; j < alerts.Count; j++)
        {
            if (Vigil.Storage.LabelSetComparer.Instance.Compare(alerts[j - 1].Labels, alerts[j].Labels) >= 0)
            {
                yield return "alerts not sorted by labels";
            }
        }
        if (active.Any(a => ((int)a.Value / 100 + (int)a.Value % 100) % 3 == 0))
        {
            yield return "an alert is active at an evaluation that dropped it";
        }
        if (active.Count > 0 && rule.State == AlertState.Inactive)
        {
            // Evaluations only ever leave firing alerts here (the same series come back), so a later read of
            // the state cannot be inactive once a list with active alerts was seen.
            yield return "state inactive after a list with active alerts";
        }
    }

    private static DateTimeOffset At(int k) => RuleTestBed.Start.AddSeconds(k);
}
