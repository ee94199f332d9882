using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

/// <summary><c>concurrent-rule-eval</c>: rules with no dependency between them run at once, with the same results.</summary>
public sealed class ConcurrentRuleGroupTests
{
    // A deadlock guard only: every wait below is released by the code under test, never by time passing.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static readonly string[] MixedGroup =
    [
        "record job:up:sum: sum by (job) (up)",
        "record job:load:avg: avg by (job) (load)",
        "alert Down: up == 0",
        "record job:up:ratio: job:up:sum / on(job) count by (job) (up)",
        "alert LowRatio: job:up:ratio < 0.75",
        "record firing: count(ALERTS{alertstate=\"firing\"})",
        "alert HighLoad: load > 2",
        "record load:max: max(load)",
    ];

    private static RuleGroup Group(RuleTestBed bed, RuleContext context, RuleConcurrency? concurrency, IRule[] rules) => new(
        new RuleGroupOptions { Name = "g", Interval = TimeSpan.FromMinutes(1), Rules = rules, Concurrency = concurrency },
        bed.Storage, context, (_, alerts) => bed.Sent.AddRange(alerts));

    [Fact]
    public async Task EvaluateAsync_ConcurrentAndInOrder_StoreTheSameSamplesAndAlerts()
    {
        using var concurrency = new RuleConcurrency(4);
        var inOrder = await RunMixedGroupAsync(null);
        var concurrent = await RunMixedGroupAsync(concurrency);

        Assert.Equal(inOrder.Stored, concurrent.Stored);
        Assert.Equal(inOrder.Alerts, concurrent.Alerts);
        Assert.Equal(inOrder.Samples, concurrent.Samples);
        // The comparison means something only if the dependent rules had something to read.
        Assert.Contains("{__name__=\"ALERTS\", alertname=\"Down\", alertstate=\"firing\", instance=\"b\", job=\"node\"}", inOrder.Stored, StringComparison.Ordinal);
        Assert.Contains("{__name__=\"firing\"}", inOrder.Stored, StringComparison.Ordinal);
    }

    private static async Task<(string Stored, string Alerts, long Samples)> RunMixedGroupAsync(RuleConcurrency? concurrency)
    {
        var bed = new RuleTestBed();
        var app = bed.Storage.Appender();
        for (var minute = 0; minute < 10; minute++)
        {
            var at = RuleTestBed.At(minute).ToUnixTimeMilliseconds();
            app.Append(LabelSet.Of("__name__", "up", "job", "node", "instance", "a"), at, 1);
            app.Append(LabelSet.Of("__name__", "up", "job", "node", "instance", "b"), at, minute < 3 ? 1 : 0);
            app.Append(LabelSet.Of("__name__", "load", "job", "node", "instance", "a"), at, minute % 4);
        }
        app.Commit();
        var group = Group(bed, bed.Context, concurrency, RuleDependenciesTests.Rules(MixedGroup));
        for (var minute = 1; minute < 10; minute++)
        {
            await group.EvaluateAsync(RuleTestBed.At(minute), bed.Time);
        }
        var stored = bed.Storage.Select(0, long.MaxValue, [new Matcher(MatcherType.Regexp, "__name__", ".+")])
            .Where(s => s.Labels.Get("__name__") is not ("up" or "load"))
            .Select(s => s.Labels + string.Join(",", s.Samples(0, long.MaxValue).Select(p => $"{p.Timestamp}={p.Value}")))
            .Order(StringComparer.Ordinal);
        var alerts = bed.Sent.Select(a => $"{a.Labels} {a.StartsAt:O} {a.EndsAt:O}").Order(StringComparer.Ordinal);
        return (string.Join("\n", stored), string.Join("\n", alerts), group.Stats.LastSamples);
    }

    [Fact]
    public async Task EvaluateAsync_IndependentRules_RunAtTheSameTime()
    {
        var bed = new RuleTestBed();
        var gate = new InFlightGate(3);
        using var concurrency = new RuleConcurrency(4);
        var group = Group(bed, gate.Wrap(bed.Context), concurrency, RuleDependenciesTests.Rules("record a: sum(x)", "record b: sum(y)", "record c: sum(z)"));

        // Each query waits until all three are in flight: in order, the first would wait for ever.
        await Task.Run(() => group.EvaluateAsync(RuleTestBed.Start, bed.Time)).WaitAsync(Guard);

        Assert.Equal(3, gate.MaxInFlight);
        Assert.All(group.Options.Rules, r => Assert.Equal(RuleHealth.Ok, r.Health.Health));
    }

    [Theory]
    [InlineData(4, "record a: sum(x)", "record b: a * 2", "record c: b + 1")]
    [InlineData(4, "record a: sum(x)", "record b: sum({job=\"x\"})", "record c: sum(y)")]
    [InlineData(0, "record a: sum(x)", "record b: sum(y)", "record c: sum(z)")]
    public async Task EvaluateAsync_DependentRulesUnknownDependenciesOrNoSlots_RunOneAtATimeInOrder(int slots, params string[] group)
    {
        var bed = new RuleTestBed();
        var log = new QueryLog();
        using var concurrency = new RuleConcurrency(slots);
        var rules = RuleDependenciesTests.Rules(group);

        await Group(bed, log.Wrap(bed.Context), concurrency, rules).EvaluateAsync(RuleTestBed.Start, bed.Time);

        Assert.Equal(1, log.MaxInFlight);
        Assert.Equal(rules.Select(r => r.Expr), log.Started);
    }

    [Fact]
    public async Task EvaluateAsync_DependentRule_SeesItsDependencysOutputOfTheSameEvaluation()
    {
        var bed = new RuleTestBed();
        bed.Series("x", "a", 5, 0, 2);
        using var concurrency = new RuleConcurrency(4);
        var rules = RuleDependenciesTests.Rules("record a: sum(x)", "record other: sum(x) * 3", "record b: a * 2");

        await Group(bed, bed.Context, concurrency, rules).EvaluateAsync(RuleTestBed.At(1), bed.Time);

        Assert.Equal(10, bed.Latest(LabelSet.Of("__name__", "b"), RuleTestBed.At(1))?.Value);
    }

    [Fact]
    public async Task EvaluateAsync_AfterEvaluation_EverySlotIsFreeAgain()
    {
        var bed = new RuleTestBed();
        using var concurrency = new RuleConcurrency(2);
        var group = Group(bed, bed.Context, concurrency, RuleDependenciesTests.Rules("record a: sum(x)", "record b: sum(y)", "record c: sum(z)", "record d: sum(w)"));

        await group.EvaluateAsync(RuleTestBed.Start, bed.Time);

        Assert.True(concurrency.TryAcquire());
        Assert.True(concurrency.TryAcquire());
        Assert.False(concurrency.TryAcquire());
    }

    [Fact]
    public async Task EvaluateAsync_RuleFails_OthersStillStoreAndStatsCountIt()
    {
        var bed = new RuleTestBed();
        bed.Series("x", "a", 1, 0, 2);
        bed.Series("y", "a", 1, 0, 2);
        using var concurrency = new RuleConcurrency(4);
        // x and y become the same series once renamed: the rule fails.
        var rules = RuleDependenciesTests.Rules("record a: sum(x)", "record bad: {__name__=~\"x|y\"}", "record c: sum(x) * 2");
        var group = Group(bed, bed.Context, concurrency, rules);

        await group.EvaluateAsync(RuleTestBed.At(1), bed.Time);

        Assert.Equal([RuleHealth.Ok, RuleHealth.Err, RuleHealth.Ok], rules.Select(r => r.Health.Health));
        Assert.Equal(1, group.Stats.Failures);
        Assert.Equal(2, group.Stats.LastSamples);
    }

    /// <summary>Holds every query until <c>expected</c> queries are in flight at once.</summary>
    private sealed class InFlightGate(int expected)
    {
        private readonly ManualResetEventSlim _all = new();
        private int _inFlight;
        private int _max;

        public int MaxInFlight => Volatile.Read(ref _max);

        public RuleContext Wrap(RuleContext inner) => inner with
        {
            Query = (query, ts) =>
            {
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _max, now);
                if (now == expected)
                {
                    _all.Set();
                }
                _all.Wait(Guard);
                Interlocked.Decrement(ref _inFlight);
                return inner.Query(query, ts);
            },
        };
    }

    /// <summary>Records the order queries start in and how many run at once.</summary>
    private sealed class QueryLog
    {
        private readonly Lock _lock = new();
        private int _inFlight;
        private int _max;

        public List<string> Started { get; } = [];

        public int MaxInFlight => Volatile.Read(ref _max);

        public RuleContext Wrap(RuleContext inner) => inner with
        {
            Query = (query, ts) =>
            {
                lock (_lock)
                {
                    Started.Add(query);
                }
                InterlockedMax(ref _max, Interlocked.Increment(ref _inFlight));
                try
                {
                    return inner.Query(query, ts);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            },
        };
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
