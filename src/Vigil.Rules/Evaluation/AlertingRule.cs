using Vigil.Model.Labels;
using Vigil.PromQL.Engine;

namespace Vigil.Rules.Evaluation;

/// <summary>
/// An alerting rule with its alert instances: each evaluation turns result series into pending alerts,
/// promotes them to firing after <c>for</c>, keeps them firing for <c>keep_firing_for</c>, and keeps
/// resolved ones for 15 minutes so the resolution is resent.
/// </summary>
/// <remarks>
/// The group's loop is the only writer of the alert instances. Readers (the rules and alerts APIs) never see
/// them: after each change the loop publishes an immutable copy, which <see cref="ActiveAlerts"/> and
/// <see cref="State"/> read, so a read during an evaluation gets one whole evaluation's alerts.
/// </remarks>
public sealed class AlertingRule : IRule
{
    /// <summary>How long a resolved alert is kept (and resent), as upstream.</summary>
    public static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(15);

    private readonly Dictionary<LabelSet, Alert> _active = [];
    private volatile Published _published = Published.Empty;
    private readonly LabelSet _ruleLabels;

    /// <summary>Creates the rule; <paramref name="labels"/> are the rule's own (group labels already merged).</summary>
    public AlertingRule(string name, string expr, TimeSpan holdDuration, TimeSpan keepFiringFor,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations)
    {
        Name = name;
        Expr = expr;
        Query = CanonicalQuery.Of(expr);
        HoldDuration = holdDuration;
        KeepFiringFor = keepFiringFor;
        Labels = labels;
        Annotations = annotations;
        _ruleLabels = LabelSet.From(labels);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Expr { get; }

    /// <inheritdoc/>
    public string Query { get; }

    /// <summary>The <c>for</c> duration.</summary>
    public TimeSpan HoldDuration { get; }

    /// <summary>The <c>keep_firing_for</c> duration.</summary>
    public TimeSpan KeepFiringFor { get; }

    /// <summary>Label templates, by label name.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Annotation templates, by annotation name.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <inheritdoc/>
    public RuleHealthInfo Health { get; } = new();

    /// <summary>
    /// False until the host has restored <c>for</c> state (or decided there is none to restore); until then
    /// no ALERTS/ALERTS_FOR_STATE samples are written, so a restart does not record a reset <c>for</c>.
    /// </summary>
    public bool Restored { get; set; } = true;

    /// <summary>
    /// The alert instances, pending, firing and recently resolved, ordered by labels, as of the latest
    /// evaluation: copies the evaluation never changes, safe to read from any thread.
    /// </summary>
    public IReadOnlyList<Alert> ActiveAlerts => _published.Alerts;

    /// <summary>The highest state of any instance as of the latest evaluation (inactive when there is none).</summary>
    public AlertState State => _published.State;

    /// <inheritdoc/>
    public IReadOnlyList<VectorSample> Eval(DateTimeOffset ts, TimeSpan queryOffset, RuleContext context, long limit)
    {
        var queryTime = ts - queryOffset;
        var result = context.Query(Expr, queryTime.ToUnixTimeMilliseconds());
        var current = BuildAlerts(result, ts, context);

        foreach (var (labels, fresh) in current)
        {
            // An alert already pending or firing keeps its state and ActiveAt; only value and annotations move.
            if (_active.TryGetValue(labels, out var known) && known.State != AlertState.Inactive)
            {
                known.Value = fresh.Value;
                known.Annotations = fresh.Annotations;
                continue;
            }
            _active[labels] = fresh;
        }

        var output = new List<VectorSample>();
        var activePending = 0;
        foreach (var (labels, alert) in _active.ToList())
        {
            if (!current.ContainsKey(labels))
            {
                if (!UpdateAbsent(labels, alert, ts))
                {
                    continue;
                }
            }
            else
            {
                alert.KeepFiringSince = default;
            }
            activePending++;
            Advance(alert, ts);
            if (Restored)
            {
                var at = queryTime.ToUnixTimeMilliseconds();
                output.Add(new VectorSample(AlertsSeries(alert), at, 1));
                output.Add(new VectorSample(ForStateSeries(alert), at, alert.ActiveAt.ToUnixTimeSeconds()));
            }
        }

        if (limit > 0 && activePending > limit)
        {
            _active.Clear();
            Publish();
            throw new RuleEvaluationException($"exceeded limit of {limit} with {activePending} alerts");
        }
        Publish();
        return output;
    }

    /// <summary>Restores an alert's <c>ActiveAt</c> (after a restart); used by the group's restore step.</summary>
    /// <summary>
    /// Takes over the alerts of <paramref name="previous"/>, the same rule before a reload, so a reload
    /// neither restarts <c>for</c> nor resolves and re-fires what is firing. The previous rule must no
    /// longer be evaluated.
    /// </summary>
    public void CopyStateFrom(AlertingRule previous)
    {
        foreach (var (labels, alert) in previous._active)
        {
            _active[labels] = alert;
        }
        Publish();
    }

    /// <summary>Makes the current alert instances what readers see; called by the evaluating thread after each change.</summary>
    internal void Publish() => _published = new Published([.. Ordered().Select(a => a.Snapshot())]);

    private IEnumerable<Alert> Ordered() => _active.Values.OrderBy(a => a.Labels, Vigil.Storage.LabelSetComparer.Instance);

    internal IEnumerable<Alert> PendingOrFiring => _active.Values.Where(a => a.State != AlertState.Inactive);

    private Dictionary<LabelSet, Alert> BuildAlerts(IReadOnlyList<VectorSample> result, DateTimeOffset ts, RuleContext context)
    {
        var alerts = new Dictionary<LabelSet, Alert>();
        foreach (var sample in result)
        {
            var data = AlertTemplateExpander.Data(sample.Metric, sample.Value, context);
            var labels = sample.Metric.ToDictionary();
            labels.Remove("__name__");
            foreach (var (name, text) in Labels)
            {
                labels[name] = AlertTemplateExpander.Expand(text, Name, data, context, ts);
            }
            labels["alertname"] = Name;
            var annotations = Annotations.ToDictionary(a => a.Key, a => AlertTemplateExpander.Expand(a.Value, Name, data, context, ts), StringComparer.Ordinal);

            // An empty value means "no such label", as in every Prometheus label set.
            var set = LabelSet.From(labels.Where(l => l.Value.Length > 0));
            if (!alerts.TryAdd(set, new Alert
            {
                Labels = set,
                Annotations = LabelSet.From(annotations),
                ActiveAt = ts,
                State = AlertState.Pending,
                Value = sample.Value,
            }))
            {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying alert labels");
            }
        }
        return alerts;
    }

    /// <summary>Handles an instance the expression no longer returns; true when it still counts as active.</summary>
    private bool UpdateAbsent(LabelSet labels, Alert alert, DateTimeOffset ts)
    {
        var keepFiring = false;
        if (alert.State == AlertState.Firing && KeepFiringFor > TimeSpan.Zero)
        {
            if (alert.KeepFiringSince == default)
            {
                alert.KeepFiringSince = ts;
            }
            keepFiring = ts - alert.KeepFiringSince < KeepFiringFor;
        }
        if (alert.State == AlertState.Pending || (alert.ResolvedAt != default && ts - alert.ResolvedAt > ResolvedRetention))
        {
            _active.Remove(labels);
        }
        if (alert.State != AlertState.Inactive && !keepFiring)
        {
            alert.State = AlertState.Inactive;
            alert.ResolvedAt = ts;
        }
        return keepFiring;
    }

    private void Advance(Alert alert, DateTimeOffset ts)
    {
        if (alert.State == AlertState.Pending && ts - alert.ActiveAt >= HoldDuration)
        {
            alert.State = AlertState.Firing;
            alert.FiredAt = ts;
        }
        // A reload may lengthen `for`: an alert that has not held that long goes back to pending.
        if (alert.State == AlertState.Firing && ts - alert.ActiveAt < HoldDuration)
        {
            alert.State = AlertState.Pending;
            alert.FiredAt = default;
            alert.LastSentAt = default;
            alert.KeepFiringSince = default;
        }
    }

    /// <summary>The ALERTS series of an instance: rule labels, alert labels, name and <c>alertstate</c>.</summary>
    internal LabelSet AlertsSeries(Alert alert) => WithRuleLabels(alert.Labels)
        .With("__name__", "ALERTS").With("alertstate", Alert.StateName(alert.State));

    /// <summary>The ALERTS_FOR_STATE series of an instance (its value is ActiveAt in Unix seconds).</summary>
    internal LabelSet ForStateSeries(Alert alert) => WithRuleLabels(alert.Labels).With("__name__", "ALERTS_FOR_STATE");

    private LabelSet WithRuleLabels(LabelSet alertLabels)
    {
        var merged = _ruleLabels.ToDictionary();
        foreach (var label in alertLabels)
        {
            merged[label.Name] = label.Value;
        }
        merged["alertname"] = Name;
        merged.Remove("__name__");
        merged.Remove("alertstate");
        return LabelSet.From(merged);
    }

    /// <summary>The alerts to hand to the notifier now, stamped as sent; see <see cref="AlertSender"/>.</summary>
    internal List<Alert> TakeAlertsToSend(DateTimeOffset ts, TimeSpan resendDelay, TimeSpan interval)
    {
        var delta = interval > resendDelay ? interval : resendDelay;
        var toSend = new List<Alert>();
        foreach (var alert in Ordered())
        {
            if (!alert.NeedsSending(ts, resendDelay))
            {
                continue;
            }
            alert.LastSentAt = ts;
            // Four intervals allow for two failed evaluations or sends before Alertmanager resolves it itself.
            alert.ValidUntil = ts + 4 * delta;
            toSend.Add(alert.Snapshot());
        }
        if (toSend.Count > 0)
        {
            Publish();
        }
        return toSend;
    }

    /// <summary>One published view: the copies and their highest state, swapped in as one reference.</summary>
    private sealed class Published(Alert[] alerts)
    {
        public static readonly Published Empty = new([]);

        public IReadOnlyList<Alert> Alerts { get; } = alerts;

        public AlertState State { get; } = alerts.Length == 0 ? AlertState.Inactive : alerts.Max(a => a.State);
    }
}
