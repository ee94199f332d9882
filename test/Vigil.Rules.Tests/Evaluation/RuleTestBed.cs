using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Rules.Evaluation;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.Rules.Tests.Evaluation;

/// <summary>Memory storage, a query engine, a fake clock and a notify recorder for rule tests.</summary>
internal sealed class RuleTestBed
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public MemoryStorage Storage { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public List<PostableAlert> Sent { get; } = [];

    public RuleContext Context => new()
    {
        Query = RuleQuery.ForEngine(new QueryEngine(), Storage),
        ExternalUrl = "http://prom:9090",
        ExternalLabels = LabelSet.Of("cluster", "eu1"),
    };

    public RuleGroup Group(TimeSpan interval, params IRule[] rules) => Group(interval, 0, rules);

    public RuleGroup Group(TimeSpan interval, long limit, params IRule[] rules) => new(
        new RuleGroupOptions { Name = "g", Interval = interval, Limit = limit, Rules = rules },
        Storage, Context, (_, alerts) => Sent.AddRange(alerts));

    /// <summary>Writes one sample per minute from <paramref name="from"/> for <paramref name="minutes"/> minutes.</summary>
    public void Series(string name, string job, double value, int from, int minutes)
    {
        var app = Storage.Appender();
        for (var m = from; m < from + minutes; m++)
        {
            app.Append(LabelSet.Of("__name__", name, "job", job), At(m).ToUnixTimeMilliseconds(), value);
        }
        app.Commit();
    }

    public static DateTimeOffset At(int minute) => Start.AddMinutes(minute);

    /// <summary>The newest sample at or before <paramref name="at"/> of the one series matching <paramref name="labels"/>.</summary>
    public Sample? Latest(LabelSet labels, DateTimeOffset at)
    {
        var matchers = labels.Select(l => new Matcher(MatcherType.Equal, l.Name, l.Value)).ToList();
        var series = Storage.Select(0, at.ToUnixTimeMilliseconds(), matchers).SingleOrDefault(s => s.Labels.Equals(labels));
        return series?.Samples(0, at.ToUnixTimeMilliseconds()).LastOrDefault();
    }
}
