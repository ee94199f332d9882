namespace Vigil.Rules.Evaluation;

/// <summary>
/// Running counts of one group's evaluations, behind upstream's <c>prometheus_rule_*</c> metrics. The group
/// writes them from its evaluation loop; a metrics scrape reads them from another thread, hence the atomics.
/// </summary>
public sealed class RuleGroupStats
{
    private long _iterations;
    private long _missed;
    private long _evaluations;
    private long _failures;
    private long _lastSamples;
    private long _lastRuleDurationTicks;

    /// <summary>Scheduled evaluations of the group, run or missed.</summary>
    public long Iterations => Interlocked.Read(ref _iterations);

    /// <summary>Evaluations skipped because the previous one ran past their slot.</summary>
    public long IterationsMissed => Interlocked.Read(ref _missed);

    /// <summary>Rule evaluations (one per rule per group evaluation).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>Rule evaluations that failed (query error, limit, or refused output).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Samples the rules returned in the latest group evaluation.</summary>
    public long LastSamples => Interlocked.Read(ref _lastSamples);

    /// <summary>The sum of the latest group evaluation's per-rule durations.</summary>
    public TimeSpan LastRuleDurationSum => TimeSpan.FromTicks(Interlocked.Read(ref _lastRuleDurationTicks));

    internal void RuleEvaluated(bool failed)
    {
        Interlocked.Increment(ref _evaluations);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    internal void GroupEvaluated(long samples, TimeSpan ruleDurationSum)
    {
        Interlocked.Increment(ref _iterations);
        Interlocked.Exchange(ref _lastSamples, samples);
        Interlocked.Exchange(ref _lastRuleDurationTicks, ruleDurationSum.Ticks);
    }

    internal void Missed(long slots)
    {
        Interlocked.Add(ref _missed, slots);
        Interlocked.Add(ref _iterations, slots);
    }

    /// <summary>After a reload, continues the counters of the group this one replaces (upstream keeps them per group key).</summary>
    internal void ContinueFrom(RuleGroupStats previous)
    {
        Interlocked.Add(ref _iterations, previous.Iterations);
        Interlocked.Add(ref _missed, previous.IterationsMissed);
        Interlocked.Add(ref _evaluations, previous.Evaluations);
        Interlocked.Add(ref _failures, previous.Failures);
    }
}
