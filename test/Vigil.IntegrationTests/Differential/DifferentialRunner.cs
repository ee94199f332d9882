using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Differential;

/// <summary>What one side of a differential run delivered.</summary>
public sealed record SideResult(string Name, IReadOnlyList<Delivery> Deliveries, string Diagnostics);

/// <summary>Runs a <see cref="Scenario"/> against two Alertmanager implementations at the same time, each
/// with its own sink, and returns both sides' normalised deliveries.</summary>
public static class DifferentialRunner
{
    /// <summary>The same external URL for both sides, so <c>externalURL</c> and Slack's title links agree.</summary>
    public const string ExternalUrl = "http://alertmanager.test:9093";

    public static async Task<(SideResult Reference, SideResult Candidate)> RunAsync(
        Scenario scenario, AlertmanagerFlavor reference, AlertmanagerFlavor candidate)
    {
        await using var referenceSink = await StartSinkAsync(scenario);
        await using var candidateSink = await StartSinkAsync(scenario);
        var servers = await StartBothAsync(
            AlertmanagerServer.StartAsync(reference, scenario.ConfigFor(referenceSink), ExternalUrl),
            AlertmanagerServer.StartAsync(candidate, scenario.ConfigFor(candidateSink), ExternalUrl));
        await using var referenceServer = servers[0];
        await using var candidateServer = servers[1];

        var start = DateTimeOffset.UtcNow;
        foreach (var post in scenario.Posts.OrderBy(p => p.At))
        {
            // Waiting for a point on the scenario's timeline (not for a condition): the posts are the input.
            await DelayUntilAsync(start + post.At);
            var alerts = post.Build(start);
            await Task.WhenAll(
                referenceServer.PostAlertsOrThrowAsync(alerts.DeepClone().AsArray()),
                candidateServer.PostAlertsOrThrowAsync(alerts.DeepClone().AsArray()));
        }

        await DelayUntilAsync(start + scenario.ObserveFor);
        return (Side(referenceServer, referenceSink, start), Side(candidateServer, candidateSink, start));
    }

    /// <summary>Starts both in parallel; if one fails, the other is stopped before the failure propagates.</summary>
    private static async Task<AlertmanagerServer[]> StartBothAsync(params Task<AlertmanagerServer>[] starts)
    {
        try
        {
            return await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(t => t.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            throw;
        }
    }

    private static SideResult Side(AlertmanagerServer server, HttpSink sink, DateTimeOffset start) =>
        new(server.Name, DeliveryNormaliser.Normalise(sink.Requests, start), server.Diagnostics());

    private static async Task<HttpSink> StartSinkAsync(Scenario scenario)
    {
        var sink = await HttpSink.StartAsync();
        foreach (var (path, responses) in scenario.Scripts)
        {
            sink.Script(path, responses);
        }

        return sink;
    }

    private static async Task DelayUntilAsync(DateTimeOffset when)
    {
        var wait = when - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
