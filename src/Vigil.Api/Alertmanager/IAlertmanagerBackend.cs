using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Silences;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// What the Alertmanager HTTP side needs from a running Alertmanager. The composition root
/// implements it over the store, the current (reloadable) config, dispatcher and muters, so the
/// handlers stay free of lifecycle concerns.
/// </summary>
public interface IAlertmanagerBackend
{
    /// <summary>The config currently in effect.</summary>
    AlertmanagerConfig Config { get; }

    /// <summary>When the process started (status API <c>uptime</c>).</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>The clock.</summary>
    TimeProvider Time { get; }

    /// <summary>The silences (durable: a change has reached the disk when the store returns).</summary>
    SilenceStore Silences { get; }

    /// <summary>Every alert in the store (a snapshot; resolved ones included).</summary>
    IEnumerable<Alert> Alerts();

    /// <summary>Stores alerts that were already validated and defaulted.</summary>
    void Put(IReadOnlyList<Alert> alerts);

    /// <summary>The receivers the current routing tree sends an alert with these labels to, in route order.</summary>
    IReadOnlyList<string> ReceiversFor(LabelSet labels);

    /// <summary>The alert's status now (runs the muters, as upstream predicts status at query time).</summary>
    AlertStatus StatusOf(Alert alert);

    /// <summary>The dispatcher's aggregation groups.</summary>
    IReadOnlyList<AlertGroupSnapshot> Groups();

    /// <summary>Reloads the config file; a bad file leaves the running config in place.</summary>
    Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken);

    /// <summary>Recent notification attempts, newest first (Vigil extension).</summary>
    IReadOnlyList<NotificationAttemptView> NotificationAttempts(int limit);
}

/// <summary>One aggregation group as the API shows it.</summary>
public sealed record AlertGroupSnapshot(LabelSet Labels, string Receiver, IReadOnlyList<Alert> Alerts)
{
    /// <summary>What mutes the whole group (time intervals), if anything.</summary>
    public IReadOnlyList<string> MutedBy { get; init; } = [];
}

/// <summary>The result of a reload: success, or the reason it was refused.</summary>
public sealed record ReloadOutcome(bool Ok, string Error)
{
    /// <summary>A successful reload.</summary>
    public static ReloadOutcome Success { get; } = new(true, "");
}

/// <summary>One notification attempt, as <c>/api/v2/vigil/notifications</c> lists it.</summary>
public sealed record NotificationAttemptView(
    DateTimeOffset At,
    string Receiver,
    string Integration,
    string GroupKey,
    int Alerts,
    bool Success,
    int? StatusCode,
    string Detail,
    TimeSpan Duration);
