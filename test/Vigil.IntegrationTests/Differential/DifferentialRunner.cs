using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Differential;

/// <summary>What one side of a differential run delivered.</summary>
public sealed record SideResult(
    string Name, IReadOnlyList<Delivery> Deliveries, IReadOnlyDictionary<string, IReadOnlyList<string>> States, string Diagnostics);

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
        var referenceSide = new ScenarioSide(referenceServer, start);
        var candidateSide = new ScenarioSide(candidateServer, start);
        foreach (var action in Timeline(scenario))
        {
            // Waiting for a point on the scenario's timeline (not for a condition): the actions are the input.
            await DelayUntilAsync(start + action.At);
            await Task.WhenAll(action.Run(referenceSide), action.Run(candidateSide));
        }

        await DelayUntilAsync(start + scenario.ObserveFor);
        return (Side(referenceSide, referenceSink), Side(candidateSide, candidateSink));
    }

    /// <summary>Posts and other actions in time order; at the same offset, posts go first.</summary>
    private static IEnumerable<ScenarioAction> Timeline(Scenario scenario) =>
        scenario.Posts
            .Select(post => new ScenarioAction(post.At, "post alerts", side =>
                side.Server.PostAlertsOrThrowAsync(post.Build(side.Start).AsArray())))
            .Concat(scenario.Actions)
            .OrderBy(a => a.At);

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

    private static SideResult Side(ScenarioSide side, HttpSink sink) =>
        new(side.Server.Name, DeliveryNormaliser.Normalise(sink.Requests, side.Start), side.States, side.Server.Diagnostics());

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
