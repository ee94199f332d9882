using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Alerts posted <see cref="At"/> after the scenario starts; <see cref="Build"/> gets the start time
/// so that <c>startsAt</c>/<c>endsAt</c> are identical for both implementations.</summary>
public sealed record ScenarioPost(TimeSpan At, Func<DateTimeOffset, JsonArray> Build);

/// <summary>A differential scenario: one <c>alertmanager.yml</c>, alerts posted at offsets, sink scripts,
/// and how long to watch. Run against two implementations at once, each with its own sink.</summary>
public sealed record Scenario
{
    /// <summary>The placeholder in <see cref="Config"/> replaced by each side's sink base URL.</summary>
    public const string SinkToken = "%SINK%";

    public required string Name { get; init; }

    /// <summary><c>alertmanager.yml</c> with <see cref="SinkToken"/> where the sink's URL goes.</summary>
    public required string Config { get; init; }

    public required IReadOnlyList<ScenarioPost> Posts { get; init; }

    /// <summary>Silences created and expired, and alert states recorded, on the same timeline as <see cref="Posts"/>.</summary>
    public IReadOnlyList<ScenarioAction> Actions { get; init; } = [];

    /// <summary>What the real Alertmanager 0.25 shows in <c>GET /api/v2/alerts</c> per recorded snapshot (see
    /// <see cref="AlertStateLines"/>); checked like <see cref="ExpectedRequests"/>, so that both sides agreeing on
    /// nothing (say, no alert inhibited) cannot pass.</summary>
    public IReadOnlyDictionary<string, string[]> ExpectedStates { get; init; } = new Dictionary<string, string[]>();

    /// <summary>How long after the start to stop collecting deliveries.</summary>
    public required TimeSpan ObserveFor { get; init; }

    /// <summary>How many requests the real Alertmanager 0.25 makes; checked so that a scenario that
    /// silently delivers nothing cannot pass by both sides agreeing on nothing.</summary>
    public required int ExpectedRequests { get; init; }

    /// <summary>Scripted sink answers per path, applied to both sides' sinks.</summary>
    public IReadOnlyDictionary<string, SinkResponse[]> Scripts { get; init; } = new Dictionary<string, SinkResponse[]>();

    /// <summary>The config with the sink URL filled in.</summary>
    public string ConfigFor(HttpSink sink) => Config.Replace(SinkToken, sink.BaseUrl, StringComparison.Ordinal);

    public override string ToString() => Name;
}
