using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Cli;

namespace Vigil.Commands;

/// <summary>
/// A small client for the Alertmanager API v2, used by <c>vigil silence/alert/config</c>. Works
/// against Vigil and the real Alertmanager alike. Every failure becomes an
/// <see cref="AlertmanagerApiException"/> whose message is fit to print as is.
/// </summary>
public sealed class AlertmanagerApiClient(HttpClient http, Uri baseUrl)
{
    /// <summary>The <c>--alertmanager.url</c> default: amtool's (localhost:9093 over http).</summary>
    public const string DefaultUrl = "http://localhost:9093";

    /// <summary>The server's address as given, for messages.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The flags every API command takes (amtool's names).</summary>
    public static IReadOnlyList<FlagSpec> Flags { get; } =
    [
        FlagSpec.Str("alertmanager.url", "Alertmanager to talk to.", DefaultUrl),
        FlagSpec.Dur("timeout", "Timeout for each request to the Alertmanager.", "30s"),
    ];

    /// <summary>Builds a client from <c>--alertmanager.url</c> and <c>--timeout</c>; a bad URL is a usage error.</summary>
    public static AlertmanagerApiClient Connect(ParsedFlags flags)
    {
        var text = flags.String("alertmanager.url");
        if (!Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"invalid value \"{text}\" for flag '--alertmanager.url': expected a URL such as http://localhost:9093");
        }

        var timeout = flags.Duration("timeout");
        var http = new HttpClient { Timeout = timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan };
        return new AlertmanagerApiClient(http, url);
    }

    /// <summary><c>GET /api/v2/alerts</c> with the given filter matchers and state selection.</summary>
    public async Task<JsonArray> GetAlertsAsync(IEnumerable<string> filter, AlertStates states, CancellationToken ct)
    {
        var query = Filter(filter)
            + $"&active={Lower(states.Active)}&silenced={Lower(states.Silenced)}&inhibited={Lower(states.Inhibited)}&unprocessed={Lower(states.Unprocessed)}";
        return (await SendAsync(HttpMethod.Get, "alerts" + query, null, ct))?.AsArray() ?? [];
    }

    /// <summary><c>GET /api/v2/silences</c> with the given filter matchers.</summary>
    public async Task<JsonArray> GetSilencesAsync(IEnumerable<string> filter, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, "silences" + Filter(filter), null, ct))?.AsArray() ?? [];

    /// <summary><c>GET /api/v2/status</c>.</summary>
    public async Task<JsonObject> GetStatusAsync(CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, "status", null, ct))?.AsObject() ?? [];

    /// <summary><c>POST /api/v2/silences</c>; returns the silence id the server assigned.</summary>
    public async Task<string> PostSilenceAsync(JsonObject silence, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Post, "silences", silence, ct);
        return answer?["silenceID"]?.GetValue<string>()
            ?? throw new AlertmanagerApiException($"{BaseUrl}: the answer to POST /api/v2/silences has no silenceID", 0);
    }

    /// <summary><c>DELETE /api/v2/silence/{id}</c>.</summary>
    public Task ExpireSilenceAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, "silence/" + Uri.EscapeDataString(id), null, ct);

    /// <summary><c>POST /api/v2/alerts</c>.</summary>
    public Task PostAlertsAsync(JsonArray alerts, CancellationToken ct) => SendAsync(HttpMethod.Post, "alerts", alerts, ct);

    private static string Lower(bool b) => b ? "true" : "false";

    private static string Filter(IEnumerable<string> filter)
    {
        var parts = filter.Select(f => "filter=" + Uri.EscapeDataString(f)).ToList();
        return "?" + string.Join("&", parts);
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, BaseUrl.AbsolutePath.TrimEnd('/') + "/api/v2/" + path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new AlertmanagerApiException($"cannot reach Alertmanager at {BaseUrl}: {Reason(e)}", 0);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new AlertmanagerApiException($"Alertmanager at {BaseUrl} did not answer {method} /api/v2/{Path(path)} within the timeout (--timeout)", 0);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertmanagerApiException(
                    $"{method} /api/v2/{Path(path)} failed: {(int)response.StatusCode} {response.ReasonPhrase}: {ErrorText(text)}", (int)response.StatusCode);
            }

            return ParseAnswer(text, method, path);
        }
    }

    private JsonNode? ParseAnswer(string text, HttpMethod method, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new AlertmanagerApiException($"{BaseUrl}: the answer to {method} /api/v2/{Path(path)} is not JSON ({e.Message}); is this an Alertmanager?", 0);
        }
    }

    private static string Path(string path) => path.Split('?')[0];

    // Both servers answer errors as a JSON string (or a plain text line); print the text, not the quotes.
    private static string ErrorText(string body)
    {
        var trimmed = body.Trim();
        try
        {
            if (JsonNode.Parse(trimmed) is JsonValue v && v.TryGetValue<string>(out var s))
            {
                return s;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: use the text as it came.
        }

        return trimmed.Length > 500 ? trimmed[..500] + "..." : trimmed;
    }

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException s => s.Message,
        { } inner => inner.Message,
        _ => e.Message,
    };
}

/// <summary>Which alert states <c>GET /api/v2/alerts</c> returns.</summary>
public sealed record AlertStates(bool Active, bool Silenced, bool Inhibited, bool Unprocessed)
{
    /// <summary>Every alert, whatever its state.</summary>
    public static AlertStates All { get; } = new(true, true, true, true);
}

/// <summary>A failed API call; the message says what failed and why, and is printed as is.</summary>
public sealed class AlertmanagerApiException(string message, int status) : Exception(message)
{
    /// <summary>The HTTP status, or 0 when no answer came.</summary>
    public int Status { get; } = status;
}
