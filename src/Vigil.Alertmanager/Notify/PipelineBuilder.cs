using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.NotificationLog;
using Vigil.Alertmanager.TimeIntervals;

namespace Vigil.Alertmanager.Notify;

/// <summary>What one configuration contributes to a pipeline; rebuilt on every reload.</summary>
public sealed record PipelineInputs
{
    /// <summary>The integrations of every receiver, by receiver name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<Integration>> Receivers { get; init; }

    /// <summary>The inhibitor; null when there are no inhibition rules.</summary>
    public IAlertMuter? Inhibitor { get; init; }

    /// <summary>Silencers (possibly none), applied after the time stages.</summary>
    public IReadOnlyList<IAlertMuter> Silencers { get; init; } = [];

    /// <summary>The configured time intervals.</summary>
    public TimeIntervalSet TimeIntervals { get; init; } = TimeIntervalSet.Empty;

    /// <summary>Alertmanager's external URL, for links in notifications.</summary>
    public string ExternalUrl { get; init; } = "";
}

/// <summary>
/// Composes the stages into a <see cref="NotificationPipeline"/>. Holds what outlives a reload
/// (notification log, metrics, attempt log, clock, group marker) so each build shares them.
/// </summary>
/// <remarks>
/// Per receiver: inhibition → active time intervals → mute time intervals → silences → fan out,
/// per integration: (peer wait →) dedup → retry → set-notifies. This is Alertmanager's order: time muting comes
/// before silences, and delivery state is per integration.
/// </remarks>
public sealed class PipelineBuilder(
    INotificationLog log,
    NotificationMetrics metrics,
    AttemptLog attempts,
    TimeProvider time,
    ILoggerFactory? loggerFactory = null)
{
    private readonly ILoggerFactory _loggers = loggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>The backoff between retries.</summary>
    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    /// <summary>Where time-interval muting of groups is recorded for the API.</summary>
    public IGroupMarker GroupMarker { get; init; } = new GroupMarker();

    /// <summary>
    /// How long each integration waits before its dedup check (a cluster peer's position times the
    /// peer timeout, in Alertmanager); null, the single-node case, leaves the wait stage out.
    /// </summary>
    public Func<TimeSpan>? PeerWait { get; init; }

    /// <summary>Source of randomness for backoff jitter; tests make it fixed.</summary>
    public Func<double>? Random { get; init; }

    /// <summary>Builds the pipeline of one configuration.</summary>
    public NotificationPipeline Build(PipelineInputs inputs)
    {
        metrics.InitializeFor(inputs.Receivers.Values.SelectMany(i => i).Select(i => i.Name));
        var receiverStages = inputs.Receivers.ToDictionary(
            r => r.Key,
            r => (INotifyStage)new MultiStage([.. ReceiverStages(inputs), IntegrationsFanout(r.Value)]),
            StringComparer.Ordinal);
        return new NotificationPipeline(receiverStages, inputs.ExternalUrl, _loggers.CreateLogger<NotificationPipeline>());
    }

    private IEnumerable<INotifyStage> ReceiverStages(PipelineInputs inputs)
    {
        var muteLogger = _loggers.CreateLogger<MuteStage>();
        if (inputs.Inhibitor is not null)
        {
            yield return new MuteStage(inputs.Inhibitor, NotificationMetrics.SuppressionReasons.Inhibition, metrics, muteLogger);
        }

        yield return new TimeActiveStage(inputs.TimeIntervals, GroupMarker, metrics, _loggers.CreateLogger<TimeActiveStage>());
        yield return new TimeMuteStage(inputs.TimeIntervals, GroupMarker, metrics, _loggers.CreateLogger<TimeMuteStage>());
        foreach (var silencer in inputs.Silencers)
        {
            yield return new MuteStage(silencer, NotificationMetrics.SuppressionReasons.Silence, metrics, muteLogger);
        }
    }

    private FanoutStage IntegrationsFanout(IReadOnlyList<Integration> integrations)
    {
        return new FanoutStage([.. integrations.Select(i => (i, (INotifyStage)new MultiStage([.. IntegrationStages()])))]);
    }

    private IEnumerable<INotifyStage> IntegrationStages()
    {
        if (PeerWait is not null)
        {
            yield return new WaitStage(PeerWait, time);
        }

        yield return new DedupStage(log);
        yield return new RetryStage(RetryPolicy, time, metrics, attempts, _loggers.CreateLogger<RetryStage>(), Random);
        yield return new SetNotifiesStage(log, time);
    }
}
