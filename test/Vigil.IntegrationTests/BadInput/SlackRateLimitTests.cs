using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>Beyond upstream (docs/design/alertmanager.md): Vigil retries a Slack 429 after its Retry-After
/// within the same flush. Alertmanager 0.25 and today's upstream treat 429 as a non-retryable 4xx from
/// Slack, so the message waits for the next group_interval tick.</summary>
public sealed class SlackRateLimitTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Slack429WithRetryAfter_AlertFires_VigilRetriesWithinTheSameFlush()
    {
        await using var sink = await HttpSink.StartAsync();
        sink.Script("/slack", SinkResponse.TooManyRequests(1), SinkResponse.Ok);
        // group_interval 1h: a second request can only be a retry inside the first flush, not a later tick.
        await using var am = await AlertmanagerServer.StartAsync(
            AlertmanagerFlavor.Vigil, SeedConfig.AlertmanagerYaml(sink.Url("/slack"), groupInterval: "1h"));

        await am.PostAlertsOrThrowAsync(AlertJson.Array(AlertJson.Alert(["alertname=RateLimited", "severity=critical"])));
        var requests = await sink.WaitForAsync(r => r.Path == "/slack", 2, Deadline, am.Diagnostics);

        Assert.Equal([429, 200], requests.Select(r => r.AnsweredStatus).Take(2));
        Assert.Equal(requests[0].Body, requests[1].Body);
    }
}
