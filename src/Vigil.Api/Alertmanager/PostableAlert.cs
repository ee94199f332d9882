using System.Text.Json.Serialization;

namespace Vigil.Api.Alertmanager;

/// <summary>One element of a <c>POST /api/v2/alerts</c> body (openapi <c>postableAlert</c>).</summary>
public sealed record PostableAlert
{
    [JsonPropertyName("labels")]
    public Dictionary<string, string?>? Labels { get; init; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string?>? Annotations { get; init; }

    [JsonPropertyName("startsAt")]
    public DateTimeOffset? StartsAt { get; init; }

    [JsonPropertyName("endsAt")]
    public DateTimeOffset? EndsAt { get; init; }

    [JsonPropertyName("generatorURL")]
    public string? GeneratorUrl { get; init; }
}

/// <summary>Source-generated (reflection-free, fast) JSON metadata for the API's request bodies.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(PostableAlert[]))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
