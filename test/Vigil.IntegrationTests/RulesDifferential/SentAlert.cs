using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// One alert of one <c>POST /api/v2/alerts</c> body, with the time the stand-in received it. The generator URL
/// keeps only its path and query: the host is each server's own.
/// </summary>
public sealed record SentAlert(
    DateTimeOffset ReceivedAt,
    string Key,
    IReadOnlyDictionary<string, string> Labels,
    string Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string GeneratorPath)
{
    /// <summary>A resolved alert is sent with <c>endsAt</c> at (or before) the time it is sent.</summary>
    public bool Resolved => EndsAt <= ReceivedAt;

    /// <summary>The <c>alertname</c> label.</summary>
    public string AlertName => Labels.TryGetValue("alertname", out var name) ? name : "";

    /// <summary>Every alert of every POST to <c>/api/v2/alerts</c>, in arrival order.</summary>
    public static IReadOnlyList<SentAlert> FromRequests(IEnumerable<RecordedRequest> requests) =>
    [
        .. requests
            .Where(r => r.Method == "POST" && r.Path == "/api/v2/alerts")
            .SelectMany(r => r.Json.AsArray().Select(a => Parse(a!.AsObject(), r.ReceivedAt))),
    ];

    private static SentAlert Parse(JsonObject alert, DateTimeOffset receivedAt)
    {
        var labels = Pairs(alert["labels"]);
        return new SentAlert(
            receivedAt,
            Render(labels),
            labels,
            Render(Pairs(alert["annotations"])),
            Time(alert["startsAt"]),
            Time(alert["endsAt"]),
            PathAndQuery((string?)alert["generatorURL"] ?? ""));
    }

    /// <summary><c>{a="1", b="2"}</c> with names sorted: the identity of an alert.</summary>
    public static string Render(IReadOnlyDictionary<string, string> pairs) =>
        "{" + string.Join(", ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value}\"")) + "}";

    private static SortedDictionary<string, string> Pairs(JsonNode? node) =>
        new(node?.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value ?? "") ?? [], StringComparer.Ordinal);

    private static DateTimeOffset Time(JsonNode? node) =>
        node is null ? default : DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>What follows <c>scheme://host</c>, byte for byte (<see cref="Uri"/> would re-escape the query).</summary>
    private static string PathAndQuery(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var path = scheme < 0 ? -1 : url.IndexOf('/', scheme + 3);
        return path < 0 ? "no path in " + url : url[path..];
    }
}
