using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Differential;

/// <summary>One side of a differential run as the scenario's actions see it: the server, the scenario start,
/// the ids its silences got (ids differ between servers, so scenarios name silences instead), and the
/// alert states recorded so far.</summary>
public sealed class ScenarioSide(AlertmanagerServer server, DateTimeOffset start)
{
    private readonly Dictionary<string, string> _silenceIds = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _states = [];
    private readonly Lock _gate = new();

    public AlertmanagerServer Server { get; } = server;

    public DateTimeOffset Start { get; } = start;

    /// <summary>The alert states recorded by <see cref="RecordStateAsync"/>, by snapshot name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> States
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, IReadOnlyList<string>>(_states);
            }
        }
    }

    /// <summary>Creates a silence (active now, for an hour) with matchers written <c>name=value</c>,
    /// <c>name!=value</c>, <c>name=~regex</c> or <c>name!~regex</c>, and remembers its id as <paramref name="name"/>.</summary>
    public async Task AddSilenceAsync(string name, IReadOnlyList<string> matchers)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new JsonObject
        {
            ["matchers"] = new JsonArray([.. matchers.Select(SilenceMatcherJson.Parse)]),
            ["startsAt"] = now.ToString("O"),
            ["endsAt"] = (now + TimeSpan.FromHours(1)).ToString("O"),
            ["createdBy"] = "differential",
            ["comment"] = name,
        };
        using var response = await Server.PostJsonAsync("/api/v2/silences", body.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Server.Name} answered {(int)response.StatusCode} to silence '{name}': {text}");
        }

        var id = JsonNode.Parse(text)!["silenceID"]!.GetValue<string>();
        lock (_gate)
        {
            _silenceIds[name] = id;
        }
    }

    /// <summary>Expires the silence named <paramref name="name"/> (<c>DELETE /api/v2/silence/{id}</c>).</summary>
    public async Task ExpireSilenceAsync(string name)
    {
        string id;
        lock (_gate)
        {
            id = _silenceIds[name];
        }

        using var response = await Server.Http.DeleteAsync($"/api/v2/silence/{id}");
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Server.Name} answered {(int)response.StatusCode} to expiring silence '{name}'");
        }
    }

    /// <summary>Records <c>GET /api/v2/alerts</c> as comparable lines under <paramref name="snapshot"/>.</summary>
    public async Task RecordStateAsync(string snapshot)
    {
        var alerts = await Server.GetAlertsAsync();
        Dictionary<string, string> namesById;
        lock (_gate)
        {
            namesById = _silenceIds.ToDictionary(p => p.Value, p => p.Key);
        }

        var lines = AlertStateLines.From(alerts, namesById);
        lock (_gate)
        {
            _states[snapshot] = lines;
        }
    }
}
