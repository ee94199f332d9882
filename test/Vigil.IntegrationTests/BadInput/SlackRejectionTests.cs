using System.Globalization;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>The seed's silent failure: Slack answers 403 invalid_token. The attempt must be visible (log and
/// <c>alertmanager_notifications_failed_total</c>) and the process must stay up.</summary>
public sealed class SlackRejectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task Slack403InvalidToken_AlertFires_FailureCountedLoggedAndProcessStaysUp(AlertmanagerFlavor flavor)
    {
        await using var sink = await HttpSink.StartAsync();
        sink.Always("/slack", SinkResponse.InvalidToken);
        await using var am = await AlertmanagerServer.StartAsync(flavor, SeedConfig.AlertmanagerYaml(sink.Url("/slack")));

        await am.PostAlertsOrThrowAsync(AlertJson.Array(AlertJson.Alert(["alertname=InstanceDown", "severity=critical"])));
        await sink.WaitForAsync(r => r.Path == "/slack", 1, Deadline, am.Diagnostics);

        // Alertmanager 0.25 has no "reason" label on this counter. Today's upstream has one, and classifies 401/403
        // as "authError" (notify.GetFailureReasonFromStatusCode; earlier releases said "clientError" for every 4xx).
        // Vigil follows today's upstream.
        var labels = flavor == AlertmanagerFlavor.Vigil ? new[] { "integration=\"slack\"", "reason=\"authError\"" } : ["integration=\"slack\""];
        await Poll.UntilAsync(async () => FailedTotal(await am.MetricsAsync(), labels) >= 1, Deadline,
            $"alertmanager_notifications_failed_total{{{string.Join(',', labels)}}} >= 1", am.Diagnostics);
        await am.Process.WaitForOutputAsync("invalid_token", Deadline);
        using var ready = await am.Http.GetAsync("/-/ready");
        Assert.True(ready.IsSuccessStatusCode, am.Diagnostics());
        Assert.False(am.Process.HasExited, am.Diagnostics());
    }

    /// <summary>Sums the counter's samples whose label set contains all <paramref name="labels"/>.</summary>
    private static double FailedTotal(string metrics, string[] labels) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith("alertmanager_notifications_failed_total{", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
