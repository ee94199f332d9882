using Vigil.Model.Labels;

namespace Vigil.Rules.Evaluation;

/// <summary>An alert as posted to Alertmanager's API v2.</summary>
public sealed record PostableAlert(LabelSet Labels, LabelSet Annotations, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string GeneratorUrl);

/// <summary>Receives the alerts one rule evaluation wants sent (the host queues them for its Alertmanagers).</summary>
public delegate void NotifyFunc(string expr, IReadOnlyList<PostableAlert> alerts);

/// <summary>
/// The server-wide alerting flags every rule group runs with: <c>--rules.alert.resend-delay</c>,
/// <c>--rules.alert.for-outage-tolerance</c> and <c>--rules.alert.for-grace-period</c>, upstream's defaults.
/// </summary>
public sealed record AlertFlags
{
    /// <summary>How often a firing (or recently resolved) alert is resent at least.</summary>
    public TimeSpan ResendDelay { get; init; } = AlertSender.DefaultResendDelay;

    /// <summary>ALERTS_FOR_STATE older than this is not restored after a restart.</summary>
    public TimeSpan ForOutageTolerance { get; init; } = ForStateRestorer.DefaultOutageTolerance;

    /// <summary>The least time a restored alert stays pending after a restart (only rules with a longer <c>for</c>).</summary>
    public TimeSpan ForGracePeriod { get; init; } = ForStateRestorer.DefaultForGracePeriod;
}

/// <summary>Turns rule alert instances into what is sent, as upstream's rule manager does.</summary>
public static class AlertSender
{
    /// <summary>Upstream's default <c>--rules.alert.resend-delay</c>.</summary>
    public static readonly TimeSpan DefaultResendDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The postable form: starts when it fired, ends when resolved or (still firing) at its valid-until time,
    /// and links back to the expression's table view.
    /// </summary>
    public static PostableAlert ToPostable(Alert alert, string expr, string externalUrl) => new(
        alert.Labels,
        alert.Annotations,
        alert.FiredAt,
        alert.ResolvedAt != default ? alert.ResolvedAt : alert.ValidUntil,
        externalUrl + "/graph?g0.expr=" + Uri.EscapeDataString(expr).Replace("%20", "+", StringComparison.Ordinal) + "&g0.tab=1");
}
