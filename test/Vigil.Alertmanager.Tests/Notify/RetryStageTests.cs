using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Notify;

namespace Vigil.Alertmanager.Tests.NotifyCore;

public sealed class RetryStageTests : IDisposable
{
    private readonly PipelineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ExecuteAsync_RetryableFailureThenSuccess_RetriesAfterBackoff()
    {
        var slack = _h.Notifier().Then(NotifyResult.FromHttpStatus(503, "busy")).Then(NotifyResult.FromHttpStatus(500));
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);
        var start = _h.Time.GetUtcNow();

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.True(ok);
        var at = slack.Calls.Select(c => c.At - start).ToList();
        Assert.Equal(3, at.Count);
        Assert.Equal(TimeSpan.Zero, at[0]);
        // Waits of 500ms then 750ms; the harness clock moves in 100ms steps.
        Assert.InRange(at[1], TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(600));
        Assert.InRange(at[2] - at[1], TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(850));
    }

    public static TheoryData<int, bool, string> StatusTable => new()
    {
        { 400, false, "clientError" },
        { 401, false, "authError" },
        { 403, false, "authError" },
        { 404, false, "clientError" },
        { 410, false, "clientError" },
        { 429, true, "rateLimited" },
        { 500, true, "serverError" },
        { 502, true, "serverError" },
        { 503, true, "serverError" },
        { 302, false, "other" },
    };

    [Theory]
    [MemberData(nameof(StatusTable))]
    public async Task ExecuteAsync_ByStatus_RetriesOnlyRetryable(int status, bool retried, string reason)
    {
        var slack = _h.Notifier().Then(NotifyResult.FromHttpStatus(status, "answer"));
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.Equal(retried, ok);
        Assert.Equal(retried ? 2 : 1, slack.Calls.Count);
        Assert.Equal(retried ? 0 : 1, _h.Metrics.Sum($"alertmanager_notifications_failed_total{{integration=\"slack\",reason=\"{reason}\"}}"));
    }

    [Fact]
    public async Task ExecuteAsync_429WithRetryAfter_WaitsAsAsked()
    {
        var slack = _h.Notifier().Then(NotifyResult.FromHttpStatus(429, "rate_limited", TimeSpan.FromSeconds(30)));
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        var run = pipeline.ExecuteAsync(_h.Flush(), [TestAlerts.Firing("A")], CancellationToken.None);
        await PipelineHarness.WaitUntilAsync(() => slack.Calls.Count == 1);
        _h.Time.Advance(TimeSpan.FromSeconds(29.9));
        await Task.Yield();
        Assert.Single(slack.Calls);
        await _h.DriveAsync(run, TimeSpan.FromMilliseconds(100));

        Assert.True(await (Task<bool>)run);
        Assert.Equal(2, slack.Calls.Count);
        Assert.True(slack.Calls.Last().At - slack.Calls.First().At >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileRetrying_FailsWithLastReason()
    {
        var slack = _h.Notifier();
        slack.Default = NotifyResult.FromHttpStatus(503);
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);
        using var cts = new CancellationTokenSource();

        var run = pipeline.ExecuteAsync(_h.Flush(), [TestAlerts.Firing("A")], cts.Token);
        await _h.DriveAsync(Task.Run(async () => await PipelineHarness.WaitUntilAsync(() => slack.Calls.Count >= 4)), TimeSpan.FromMilliseconds(100));
        await cts.CancelAsync();

        Assert.False(await run);
        Assert.Equal(1, _h.Metrics.Sum("alertmanager_notifications_failed_total{integration=\"slack\",reason=\"serverError\"}"));
        Assert.Equal(0, _h.Metrics.Sum("alertmanager_notifications_failed_total{integration=\"slack\",reason=\"contextCanceled\"}"));
        Assert.Null(_h.Log.Query("team/slack/0", _h.Flush().GroupKey));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeFirstAttempt_ContextCanceled()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        var ok = await pipeline.ExecuteAsync(_h.Flush(), [TestAlerts.Firing("A")], new CancellationToken(canceled: true));

        Assert.False(ok);
        Assert.Empty(slack.Calls);
        Assert.Equal(1, _h.Metrics.Sum("alertmanager_notifications_failed_total{integration=\"slack\",reason=\"contextCanceled\"}"));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledDuringCall_RecordsCancelledAttempt()
    {
        var slack = _h.Notifier().Then(async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return NotifyResult.Ok;
        });
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);
        using var cts = new CancellationTokenSource();

        var run = pipeline.ExecuteAsync(_h.Flush(), [TestAlerts.Firing("A")], cts.Token);
        await cts.CancelAsync();

        Assert.False(await run);
        Assert.Equal(AttemptOutcome.Cancelled, Assert.Single(_h.Attempts.List()).Outcome);
        Assert.Equal(1, _h.Metrics.Sum("alertmanager_notifications_failed_total{integration=\"slack\",reason=\"contextCanceled\"}"));
    }

    [Fact]
    public async Task ExecuteAsync_NotifierThrows_RetriedWithoutLeakingTheMessage()
    {
        const string secret = "T000/B000/XXXXSECRETXXXX";
        var slack = _h.Notifier().Then(_ => throw new HttpRequestException($"failed https://hooks.slack.com/services/{secret}"));
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.True(ok);
        Assert.Equal(2, slack.Calls.Count);
        Assert.DoesNotContain(secret, _h.Logger.All, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Attempts.List(), a => a.Answer.Contains(secret, StringComparison.Ordinal));
        Assert.Equal("HttpRequestException", _h.Attempts.List().Last().Answer);
    }

    [Fact]
    public async Task ExecuteAsync_NotifierOwnTimeout_RetriedAsDeadlineExceeded()
    {
        var slack = _h.Notifier().Then(_ => throw new TaskCanceledException("HttpClient.Timeout"));
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.True(ok);
        Assert.Equal(FailureReason.ContextDeadlineExceeded, _h.Attempts.List().Last().Reason);
    }

    [Fact]
    public async Task ExecuteAsync_FailedAttempt_LoggedWithReceiverIntegrationAttemptStatusAnswer()
    {
        var slack = _h.Notifier().Then(NotifyResult.FromHttpStatus(503, "upstream_busy"));
        var pipeline = _h.Build([new("team", "slack", 1, slack, false)]);

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        var (level, line) = Assert.Single(_h.Logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("attempt 1", line, StringComparison.Ordinal);
        Assert.Contains("receiver team", line, StringComparison.Ordinal);
        Assert.Contains("slack[1]", line, StringComparison.Ordinal);
        Assert.Contains("status 503", line, StringComparison.Ordinal);
        Assert.Contains("upstream_busy", line, StringComparison.Ordinal);
        Assert.Contains(_h.Logger.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("2 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_Attempts_RecordedInAttemptLog()
    {
        var slack = _h.Notifier()
            .Then(NotifyResult.FromHttpStatus(503, "busy") with { Meaning = "Slack is having trouble" })
            .Then(NotifyResult.Succeeded(200, "ok"));
        var pipeline = _h.Build([new("team", "webhook", 2, slack, true)]);
        var flush = _h.Flush();

        await _h.RunAsync(pipeline, flush, [TestAlerts.Firing("A"), TestAlerts.Resolved("A", "x", "1")]);

        var list = _h.Attempts.List();
        Assert.Equal(2, list.Count);
        var (latest, first) = (list[0], list[1]);
        Assert.Equal(new NotificationAttempt(
            flush.Now, "team", "webhook", 2, flush.GroupKey, 2, 1, 1, 1, AttemptOutcome.FailedWillRetry,
            FailureReason.ServerError, 503, "busy", "Slack is having trouble", TimeSpan.Zero), first);
        Assert.Equal(AttemptOutcome.Succeeded, latest.Outcome);
        Assert.Equal(2, latest.Attempt);
        Assert.Null(latest.Reason);
        Assert.Equal("ok", latest.Answer);
    }

    [Fact]
    public async Task ExecuteAsync_Metrics_CountNotificationsRequestsFailuresAndLatency()
    {
        var slack = _h.Notifier().Then(async _ =>
        {
            _h.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.CompletedTask;
            return NotifyResult.FromHttpStatus(500);
        });
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.Equal(1, _h.Metrics.Sum("alertmanager_notifications_total{integration=\"slack\"}"));
        Assert.Equal(2, _h.Metrics.Sum("alertmanager_notification_requests_total{integration=\"slack\"}"));
        Assert.Equal(1, _h.Metrics.Sum("alertmanager_notification_requests_failed_total{integration=\"slack\"}"));
        Assert.Equal(2, _h.Metrics.Count("alertmanager_notification_latency_seconds{integration=\"slack\"}"));
        Assert.Equal(2, _h.Metrics.Sum("alertmanager_notification_latency_seconds{integration=\"slack\"}"));
        Assert.Equal(0, _h.Metrics.Sum("alertmanager_notifications_failed_total{integration=\"slack\",reason=\"serverError\"}"));
    }

    [Theory]
    [InlineData("alertmanager_notifications_total{integration=\"email\"}")]
    [InlineData("alertmanager_notification_requests_total{integration=\"pagerduty\"}")]
    [InlineData("alertmanager_notification_requests_failed_total{integration=\"slack\"}")]
    [InlineData("alertmanager_notifications_failed_total{integration=\"webhook\",reason=\"contextDeadlineExceeded\"}")]
    [InlineData("alertmanager_notifications_failed_total{integration=\"msteams\",reason=\"other\"}")]
    public void Metrics_KnownIntegrations_InitialisedToZero(string series)
    {
        Assert.True(_h.Metrics.Has(series));
        Assert.Equal(0, _h.Metrics.Sum(series));
    }

    [Fact]
    public void Metrics_ListenerStartedAfterCreation_StillSeesZeroSeries()
    {
        using var meter = new System.Diagnostics.Metrics.Meter(NotificationMetrics.MeterName);
        _ = new NotificationMetrics(meter);
        _ = new Vigil.Alertmanager.NotificationLog.InMemoryNotificationLog(_h.Time, meter: meter);

        using var late = new MetricsCollector(meter);

        Assert.True(late.Has("alertmanager_notifications_total{integration=\"slack\"}"));
        Assert.True(late.Has("alertmanager_notifications_failed_total{integration=\"slack\",reason=\"serverError\"}"));
        Assert.True(late.Has("alertmanager_nflog_queries_total{}"));
    }
}
