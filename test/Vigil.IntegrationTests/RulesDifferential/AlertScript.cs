namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>One change to the target at an offset from the script's start.</summary>
public sealed record ScriptStep(TimeSpan At, string Name, Action<ScriptedTarget> Apply);

/// <summary>
/// An alert the script must make Prometheus send: its <c>for</c> and <c>keep_firing_for</c>, how long past the
/// change its condition may take to follow (a rate window), and for each episode the steps that make its
/// condition true and false.
/// </summary>
public sealed record ExpectedAlert(
    string AlertName,
    TimeSpan For,
    TimeSpan KeepFiringFor,
    TimeSpan ConditionLag,
    IReadOnlyList<(string Starts, string Ends)> Episodes,
    params string[] Matching)
{
    /// <summary>True for the rendered label set of this alert: its name and every <see cref="Matching"/> label.</summary>
    public bool Matches(string key) => key.Contains($"alertname=\"{AlertName}\"", StringComparison.Ordinal)
        && Matching.All(m => key.Contains(m, StringComparison.Ordinal));

    /// <summary>The alert name and matched labels, for messages.</summary>
    public override string ToString() => AlertName + (Matching.Length == 0 ? "" : "{" + string.Join(", ", Matching) + "}");
}

/// <summary>
/// What the target does over time, and what each change must cause: a gauge crossing a threshold and back
/// twice, a series appearing and going away, a target going down and coming back, a counter's rate rising
/// and falling.
/// </summary>
public static class AlertScript
{
    /// <summary>The target's state before the script starts.</summary>
    public static void Baseline(ScriptedTarget target)
    {
        target.Set("queue_depth{queue=\"orders\"}", 5);
        target.Set("queue_depth{queue=\"billing\"}", 5);
        target.Set("queue_capacity", 100);
        target.Set("backlog_bytes", 10);
        target.Set("queue_info{queue=\"orders\"}", 1);
        target.Set("queue_info{queue=\"billing\"}", 1);
        target.SetRequestRate(1);
    }

    /// <summary>The step after which the test compares <c>/api/v1/alerts</c> (until <see cref="SnapshotUntil"/>).</summary>
    public const string Snapshot = "snapshot";

    /// <summary>The last moment a snapshot may be taken: before the next change.</summary>
    public static readonly TimeSpan SnapshotUntil = TimeSpan.FromSeconds(11.5);

    /// <summary>The changes, in time order.</summary>
    public static IReadOnlyList<ScriptStep> Steps { get; } =
    [
        new(TimeSpan.FromSeconds(2), "surge", t =>
        {
            t.Set("queue_depth{queue=\"orders\"}", 50);
            // 0.1 + 0.2: its shortest text has 17 digits, as $value and the API must print it.
            t.Set("errors_pending{kind=\"disk\"}", 0.1 + 0.2);
            t.Set("backlog_bytes", 1234567.5);
            t.SetRequestRate(100);
        }),
        new(TimeSpan.FromSeconds(4), "flaky-down", t => t.FlakyDown = true),
        // The firing alert's annotations change: resends (and the resolution) carry the new text.
        new(TimeSpan.FromSeconds(7), "errors-grow", t => t.Set("errors_pending{kind=\"disk\"}", 7)),
        // Nothing changes: every condition of the surge holds, so both servers' rule alerts are compared here.
        new(TimeSpan.FromSeconds(9), Snapshot, _ => { }),
        new(TimeSpan.FromSeconds(12), "calm", t =>
        {
            t.Set("queue_depth{queue=\"orders\"}", 5);
            t.Remove("errors_pending{kind=\"disk\"}");
            t.Set("backlog_bytes", 10);
            t.SetRequestRate(1);
            t.FlakyDown = false;
        }),
        new(TimeSpan.FromSeconds(16), "queue-high", t =>
        {
            t.Set("queue_depth{queue=\"orders\"}", 50);
            t.Set("queue_depth{queue=\"billing\"}", 50);
        }),
        // While keep_firing_for holds the rate alert, its condition comes back: it stays one episode.
        new(TimeSpan.FromSeconds(16.5), "surge-again", t => t.SetRequestRate(100)),
        new(TimeSpan.FromSeconds(18.5), "rate-drops", t => t.SetRequestRate(1)),
        // The templated severity label turns from critical to warning: one alert resolves, another starts pending.
        new(TimeSpan.FromSeconds(22), "billing-eases", t => t.Set("queue_depth{queue=\"billing\"}", 30)),
        new(TimeSpan.FromSeconds(24), "queue-low", t => t.Set("queue_depth{queue=\"orders\"}", 5)),
        new(TimeSpan.FromSeconds(30), "billing-low", t => t.Set("queue_depth{queue=\"billing\"}", 5)),
    ];

    /// <summary>The alerts Prometheus must send (so the comparison cannot pass with both sending nothing).</summary>
    public static IReadOnlyList<ExpectedAlert> Expected { get; } =
    [
        new("QueueDeep", TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.Zero, [("surge", "calm"), ("queue-high", "queue-low")], "queue=\"orders\""),
        new("QueueDeep", TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.Zero, [("queue-high", "billing-eases")], "queue=\"billing\"", "severity=\"critical\""),
        new("QueueDeep", TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.Zero, [("billing-eases", "billing-low")], "queue=\"billing\"", "severity=\"warning\""),
        new("ErrorsPresent", TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.Zero, [("surge", "calm")]),
        new("BigBacklog", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, [("surge", "calm")]),
        new("InstanceDown", TimeSpan.FromSeconds(2), TimeSpan.Zero, TimeSpan.Zero, [("flaky-down", "calm")]),
        // rate(requests_total[4s]) stays above 20 until the surge has left the 4s window.
        new("HighRequestRate", TimeSpan.Zero, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(4), [("surge", "rate-drops")]),
        // A failed scrape marks the target's series stale, so absent() sees them gone.
        new("HeartbeatMissing", TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.Zero, [("flaky-down", "calm")]),
    ];

    /// <summary>Alerts no one may send: dropped by alert_relabel_configs, over their group's limit, or only ever pending.</summary>
    public static IReadOnlyList<string> NeverSent { get; } = ["DroppedByRelabel", "TooManyQueues", "SlowBurn"];

    /// <summary>
    /// Runs the steps at their offsets from <paramref name="start"/>, calling <paramref name="after"/> after each
    /// (it must return before the next step is due); returns when each happened.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> RunAsync(
        ScriptedTarget target, DateTimeOffset start, Func<ScriptStep, Task> after)
    {
        var happened = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            var wait = start + step.At - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                // Waiting for the script's next change, not for a condition: the servers react on their own.
                await Task.Delay(wait);
            }
            step.Apply(target);
            happened[step.Name] = DateTimeOffset.UtcNow;
            await after(step);
        }
        return happened;
    }
}
