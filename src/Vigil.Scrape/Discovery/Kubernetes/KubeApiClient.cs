using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// LIST and WATCH over plain HTTP and JSON. A watch is one long response of newline-separated events;
/// an ERROR event or a non-2xx status becomes a <see cref="KubeApiException"/> (410 Gone asks for a re-list).
/// </summary>
internal sealed class KubeApiClient(HttpClient http, KubeConnection connection)
{
    /// <summary>How long the server keeps one watch open before ending it cleanly (the watch then resumes).</summary>
    public const int WatchTimeoutSeconds = 300;

    /// <summary>Lists a collection: its items and the resource version to watch from.</summary>
    public async Task<ListResult> ListAsync(string path, Selectors selectors, CancellationToken cancel)
    {
        using var response = await SendAsync(Query(path, selectors, null), HttpCompletionOption.ResponseContentRead, cancel).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
        var root = Parse(body, "list");
        if (root.Get("items").ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
        {
            throw new KubeApiException(0, "malformed list response from API server: no items array");
        }
        return new ListResult([.. root.Items("items")], root.Get("metadata").Str("resourceVersion"));
    }

    /// <summary>Watches a collection from <paramref name="resourceVersion"/> until the server ends the stream.</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string path, Selectors selectors, string resourceVersion, [EnumeratorCancellation] CancellationToken cancel)
    {
        using var response = await SendAsync(Query(path, selectors, resourceVersion), HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var root = Parse(Encoding.UTF8.GetBytes(line), "watch event");
            var type = root.Str("type");
            var obj = root.Get("object");
            if (type == "ERROR")
            {
                throw StatusError((HttpStatusCode)(obj.OptInt("code") ?? 0), obj);
            }
            yield return new WatchEvent(type, obj);
        }
    }

    private static string Query(string path, Selectors selectors, string? resourceVersion)
    {
        var query = new List<string>();
        if (selectors.Label.Length > 0)
        {
            query.Add("labelSelector=" + Uri.EscapeDataString(selectors.Label));
        }
        if (selectors.Field.Length > 0)
        {
            query.Add("fieldSelector=" + Uri.EscapeDataString(selectors.Field));
        }
        if (resourceVersion is not null)
        {
            query.Add("watch=true");
            query.Add("allowWatchBookmarks=true");
            query.Add("resourceVersion=" + Uri.EscapeDataString(resourceVersion));
            query.Add($"timeoutSeconds={WatchTimeoutSeconds}");
        }
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private async Task<HttpResponseMessage> SendAsync(string pathAndQuery, HttpCompletionOption completion, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.Server.ToString().TrimEnd('/') + pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (connection.BearerToken() is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(connection.AuthorizationType, token);
        }
        else if (connection.BasicAuth is var (user, password))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password()}")));
        }
        var response = await http.SendAsync(request, completion, cancel).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
            JsonElement status = default;
            try
            {
                status = JsonDocument.Parse(body).RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not a Status object (a proxy's error page, say): the HTTP status alone is reported.
            }
            throw StatusError(response.StatusCode, status);
        }
    }

    private static KubeApiException StatusError(HttpStatusCode code, JsonElement status)
    {
        var message = status.Str("message");
        var text = $"{(int)code} {code}" + (message.Length > 0 ? $": {message}" : "");
        return new KubeApiException(code, text);
    }

    private static JsonElement Parse(byte[] body, string what)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : throw new KubeApiException(0, $"malformed {what} from API server: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new KubeApiException(0, $"malformed {what} from API server: {e.Message}");
        }
    }
}

/// <summary>The label and field selectors sent with a list or watch.</summary>
internal readonly record struct Selectors(string Label, string Field);
