using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage;

namespace Vigil.Rules.Evaluation;

/// <summary>
/// A group of rules evaluated at one interval. Each rule's output is committed before any rule that reads it
/// runs, so a later rule sees an earlier rule's output of the same evaluation. Without
/// <see cref="RuleGroupOptions.Concurrency"/> the rules run in order; with it, rules that neither read nor are
/// read by another (see <see cref="RuleDependencies"/>) may run at the same time.
/// </summary>
public sealed class RuleGroup
{
    private readonly IStorage _storage;
    private readonly RuleContext _context;
    private readonly NotifyFunc? _notify;
    private readonly Dictionary<LabelSet, bool>[] _previousSeries;
    private volatile GroupEvaluation _latest = new(default, TimeSpan.Zero);

    // Null when rules run in order; otherwise the batches of rule indexes, each batch free to run at once.
    private readonly IReadOnlyList<int[]>? _batches;

    /// <summary>Creates a group; <paramref name="notify"/> may be null when nothing is sent (e.g. rule tests).</summary>
    public RuleGroup(RuleGroupOptions options, IStorage storage, RuleContext context, NotifyFunc? notify)
    {
        Options = options;
        _storage = storage;
        _context = context;
        _notify = notify;
        _previousSeries = options.Rules.Select(_ => new Dictionary<LabelSet, bool>()).ToArray();
        if (options.Concurrency is not null)
        {
            _batches = RuleDependencies.Batches(RuleDependencies.Analyse(options.Rules), options.Rules.Count);
        }
        if (options.RestoreForState)
        {
            foreach (var rule in options.Rules.OfType<AlertingRule>())
            {
                rule.Restored = false;
            }
        }
    }

    /// <summary>Name, file, interval and rules.</summary>
    public RuleGroupOptions Options { get; }

    /// <summary>The slot time and duration of the latest evaluation, published together for readers on other threads.</summary>
    public GroupEvaluation LatestEvaluation => _latest;

    /// <summary>The slot time of the latest evaluation.</summary>
    public DateTimeOffset LastEvaluation => _latest.Slot;

    /// <summary>How long the latest evaluation took.</summary>
    public TimeSpan EvaluationDuration => _latest.Duration;

    /// <summary>Counts of evaluations, failures and missed iterations, for the host's metrics.</summary>
    public RuleGroupStats Stats { get; } = new();

    /// <summary>Raised after each evaluation with its slot time (for host metrics and tests).</summary>
    public event Action<DateTimeOffset>? Evaluated;

    /// <summary>
    /// The latest slot at or before <paramref name="now"/>. Slots are the interval's multiples shifted by an
    /// offset from a hash of the group's name and file, so groups spread over the interval instead of all
    /// running at once, and a restart keeps the same slots.
    /// </summary>
    public DateTimeOffset EvalTimestamp(DateTimeOffset now)
    {
        var interval = Options.Interval.Ticks;
        var hash = Fingerprint.Of(LabelSet.Of("name", Options.Name, "file", Options.File)).Value;
        var offset = (long)(hash % (ulong)interval);
        var adjusted = now.UtcTicks - offset;
        var slot = adjusted - (adjusted % interval) + offset;
        return new DateTimeOffset(slot, TimeSpan.Zero);
    }

    /// <summary>
    /// After a reload, takes over the state of <paramref name="previous"/> (the group of the same name and
    /// file, now stopped): alerts of alerting rules with the same name and labels, and each same-named
    /// rule's last output, so series it no longer returns still get their staleness markers.
    /// </summary>
    public void CopyStateFrom(RuleGroup previous)
    {
        Stats.ContinueFrom(previous.Stats);
        for (var i = 0; i < Options.Rules.Count; i++)
        {
            var rule = Options.Rules[i];
            var match = Enumerable.Range(0, previous.Options.Rules.Count).FirstOrDefault(j => SameRule(rule, previous.Options.Rules[j]), -1);
            if (match < 0)
            {
                continue;
            }
            _previousSeries[i] = previous._previousSeries[match];
            if (rule is AlertingRule alerting && previous.Options.Rules[match] is AlertingRule old)
            {
                alerting.CopyStateFrom(old);
            }
        }
    }

    private static bool SameRule(IRule a, IRule b) => (a, b) switch
    {
        (AlertingRule x, AlertingRule y) => x.Name == y.Name && SameLabels(x.Labels, y.Labels),
        (RecordingRule x, RecordingRule y) => x.Name == y.Name && SameLabels(x.Labels, y.Labels),
        _ => false,
    };

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>Evaluates every rule once at slot <paramref name="ts"/>, stores the output and sends alerts.</summary>
    public void Evaluate(DateTimeOffset ts, TimeProvider time) => EvaluateAsync(ts, time).GetAwaiter().GetResult();

    /// <summary>
    /// Evaluates every rule once at slot <paramref name="ts"/>, stores the output and sends alerts; completes at
    /// once when the rules run in order.
    /// </summary>
    public async Task EvaluateAsync(DateTimeOffset ts, TimeProvider time)
    {
        var groupStart = time.GetTimestamp();
        // One slot per rule, so rules running at once never share a counter.
        var returned = new int[Options.Rules.Count];
        if (_batches is null)
        {
            for (var i = 0; i < Options.Rules.Count; i++)
            {
                returned[i] = EvaluateRule(i, ts, time);
            }
        }
        else
        {
            foreach (var batch in _batches)
            {
                await EvaluateBatchAsync(batch, returned, ts, time).ConfigureAwait(false);
            }
        }
        var ruleDurations = Options.Rules.Aggregate(TimeSpan.Zero, (sum, rule) => sum + rule.Health.EvaluationDuration);
        _latest = new GroupEvaluation(ts, time.GetElapsedTime(groupStart));
        Stats.GroupEvaluated(returned.Sum(n => (long)n), ruleDurations);
        Evaluated?.Invoke(ts);
    }

    /// <summary>
    /// Runs one batch: each rule on its own task while a server-wide slot is free, otherwise here; the batch ends
    /// when all its rules have stored their output, so the next batch sees it.
    /// </summary>
    private async Task EvaluateBatchAsync(int[] batch, int[] returned, DateTimeOffset ts, TimeProvider time)
    {
        var concurrency = Options.Concurrency!;
        var running = new List<Task>();
        try
        {
            foreach (var index in batch)
            {
                if (batch.Length > 1 && concurrency.TryAcquire())
                {
                    running.Add(Task.Run(() =>
                    {
                        try
                        {
                            returned[index] = EvaluateRule(index, ts, time);
                        }
                        finally
                        {
                            concurrency.Release();
                        }
                    }));
                }
                else
                {
                    returned[index] = EvaluateRule(index, ts, time);
                }
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    /// <summary>Evaluates at every slot until cancelled, waiting on <paramref name="time"/> between slots.</summary>
    public async Task RunAsync(TimeProvider time, CancellationToken cancel)
    {
        var next = EvalTimestamp(time.GetUtcNow()) + Options.Interval;
        // As upstream, state is restored after the second evaluation, not the first: by then targets have been
        // scraped and recording rules have run, so the alerts an old ActiveAt is read back for are really there.
        var evaluationsBeforeRestore = Options.RestoreForState ? 2 : 0;
        while (!cancel.IsCancellationRequested)
        {
            if (!await WaitUntilAsync(next, time, cancel).ConfigureAwait(false))
            {
                return;
            }
            await EvaluateAsync(next, time).ConfigureAwait(false);
            if (evaluationsBeforeRestore > 0 && --evaluationsBeforeRestore == 0)
            {
                ForStateRestorer.Restore(Options.Rules, _storage, time.GetUtcNow(), Options.ForOutageTolerance, Options.ForGracePeriod);
            }
            // Missed slots are skipped rather than run back to back, as upstream does.
            var now = time.GetUtcNow();
            next += Options.Interval;
            if (next <= now)
            {
                var latest = EvalTimestamp(now);
                Stats.Missed(((latest - next).Ticks / Options.Interval.Ticks) + 1);
                next = latest + Options.Interval;
            }
        }
    }

    /// <summary>
    /// Waits until the clock reads at least <paramref name="slot"/>; false when cancelled. A timer may fire a few
    /// milliseconds early (its due time is rounded to whole milliseconds and measured on a coarse tick count), and
    /// a slot stamped ahead of the clock makes a resolved alert's endsAt lie in the future when it reaches
    /// Alertmanager: it then takes the alert as still firing, keeps the earlier firing endsAt, and the resolution
    /// is lost until the next resend. So the wait is repeated until the slot has really come.
    /// </summary>
    private static async Task<bool> WaitUntilAsync(DateTimeOffset slot, TimeProvider time, CancellationToken cancel)
    {
        for (var wait = slot - time.GetUtcNow(); wait > TimeSpan.Zero; wait = slot - time.GetUtcNow())
        {
            try
            {
                // Rounded up: a sub-millisecond wait would otherwise complete at once and spin.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return !cancel.IsCancellationRequested;
    }

    /// <summary>Evaluates one rule, stores its output and records its health; returns the samples it returned.</summary>
    private int EvaluateRule(int index, DateTimeOffset ts, TimeProvider time)
    {
        var rule = Options.Rules[index];
        var start = time.GetTimestamp();
        IReadOnlyList<VectorSample> output;
        try
        {
            output = rule.Eval(ts, Options.QueryOffset, _context, Options.Limit);
        }
        catch (Exception e) when (e is RuleEvaluationException or QueryException or Vigil.PromQL.Parser.ParseException)
        {
            rule.Health.Record(ts, time.GetElapsedTime(start), e.Message);
            Stats.RuleEvaluated(failed: true);
            return 0;
        }
        if (rule is AlertingRule alerting && _notify is not null)
        {
            Send(alerting, ts);
        }
        var error = Store(index, output, ts - Options.QueryOffset);
        rule.Health.Record(ts, time.GetElapsedTime(start), error);
        Stats.RuleEvaluated(failed: error is not null);
        return output.Count;
    }

    private void Send(AlertingRule rule, DateTimeOffset ts)
    {
        var alerts = rule.TakeAlertsToSend(ts, Options.ResendDelay, Options.Interval);
        if (alerts.Count > 0)
        {
            // Upstream links to (and hands the notifier) the printed expression, not the rule file's text.
            _notify!(rule.Query, alerts.Select(a => AlertSender.ToPostable(a, rule.Query, _context.ExternalUrl)).ToList());
        }
    }

    /// <summary>Appends the output and stale markers for series the rule no longer returns; returns an append error.</summary>
    private string? Store(int index, IReadOnlyList<VectorSample> output, DateTimeOffset staleAt)
    {
        var appender = _storage.Appender();
        var returned = new Dictionary<LabelSet, bool>();
        string? error = null;
        foreach (var sample in output)
        {
            AppendStatus status;
            try
            {
                status = sample.Histogram is { } histogram
                    ? appender.AppendHistogram(sample.Metric, sample.Timestamp, histogram)
                    : appender.Append(sample.Metric, sample.Timestamp, sample.Value);
            }
            catch (NotSupportedException e)
            {
                error ??= e.Message;
                continue;
            }
            if (status == AppendStatus.Ok)
            {
                returned[sample.Metric] = true;
            }
            else
            {
                error ??= AppendError(status);
            }
        }
        foreach (var series in _previousSeries[index].Keys)
        {
            if (!returned.ContainsKey(series))
            {
                // Refusals are expected here when another rule now writes the series; nothing to report.
                appender.Append(series, staleAt.ToUnixTimeMilliseconds(), StaleNaN.Value);
            }
        }
        appender.Commit();
        _previousSeries[index] = returned;
        return error;
    }

    private static string AppendError(AppendStatus status) => status switch
    {
        AppendStatus.OutOfOrder => "out of order sample",
        AppendStatus.OutOfBounds => "out of bounds",
        _ => "duplicate sample for timestamp",
    };
}

/// <summary>How a group runs: identity, interval, offset, limit and its rules.</summary>
public sealed record RuleGroupOptions
{
    /// <summary>The group name.</summary>
    public required string Name { get; init; }

    /// <summary>The file the group came from.</summary>
    public string File { get; init; } = "";

    /// <summary>The evaluation interval.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>How far in the past the rules query.</summary>
    public TimeSpan QueryOffset { get; init; }

    /// <summary>The most alerts or series per rule evaluation; 0 means none.</summary>
    public long Limit { get; init; }

    /// <summary>How often a firing alert is resent at least.</summary>
    public TimeSpan ResendDelay { get; init; } = AlertSender.DefaultResendDelay;

    /// <summary>Whether <see cref="RuleGroup.RunAsync"/> restores <c>for</c> state after its second evaluation (a server start).</summary>
    public bool RestoreForState { get; init; }

    /// <summary><c>--rules.alert.for-outage-tolerance</c>: ALERTS_FOR_STATE older than this is not restored.</summary>
    public TimeSpan ForOutageTolerance { get; init; } = ForStateRestorer.DefaultOutageTolerance;

    /// <summary><c>--rules.alert.for-grace-period</c>: the least time a restored alert stays pending after a restart.</summary>
    public TimeSpan ForGracePeriod { get; init; } = ForStateRestorer.DefaultForGracePeriod;

    /// <summary>The rules, in evaluation order.</summary>
    public required IReadOnlyList<IRule> Rules { get; init; }

    /// <summary>
    /// With <c>concurrent-rule-eval</c>, the server-wide slots rules with no dependency between them run in at
    /// once; null evaluates the rules in order.
    /// </summary>
    public RuleConcurrency? Concurrency { get; init; }
}

/// <summary>A group evaluation's slot time and how long it took.</summary>
public sealed record GroupEvaluation(DateTimeOffset Slot, TimeSpan Duration);
