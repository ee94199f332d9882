using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Harness;

/// <summary>One request the <see cref="HttpSink"/> received, and what it answered.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt,
    int AnsweredStatus)
{
    /// <summary>The body parsed as JSON (Slack and webhook payloads are JSON).</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException($"empty body on {Path}");

    public override string ToString() => $"{ReceivedAt:HH:mm:ss.fff} {Method} {Path} -> {AnsweredStatus}: {Body}";
}
