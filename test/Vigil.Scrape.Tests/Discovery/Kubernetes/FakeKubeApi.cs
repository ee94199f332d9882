using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

/// <summary>
/// A stand-in Kubernetes API server on 127.0.0.1: LIST answers with the objects held, WATCH streams
/// ADDED/MODIFIED/DELETED lines (replaying what happened after the requested resource version, as the real
/// server does), and faults can be injected: an error status, malformed JSON, 410 Gone, a broken stream.
/// </summary>
internal sealed class FakeKubeApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<string> _requests = [];
    private readonly List<string?> _authorizations = [];
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Plural, string Ns, string Line)> _log = [];
    private readonly List<(string Plural, string Ns, Channel<string> Lines)> _watches = [];
    private readonly Task _serve;
    private long _version = 100;

    public FakeKubeApi()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serve = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>When set, every request gets this status and body instead (403, 500, malformed JSON...).</summary>
    public (int Status, string Body)? Fault { get; set; }

    /// <summary>
    /// Request lines seen so far ("GET /api/v1/pods?..."), in order: a copy, because the discovery under test may
    /// still be opening watches while a test reads them.
    /// </summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The Authorization header of each request so far (a copy, as <see cref="Requests"/>).</summary>
    public IReadOnlyList<string?> Authorizations
    {
        get
        {
            lock (_lock)
            {
                return [.. _authorizations];
            }
        }
    }

    /// <summary>Watches open now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Adds or replaces an object (given as API JSON), telling watchers.</summary>
    public void Put(string plural, string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var meta = obj["metadata"]!.AsObject();
        var key = $"{meta["namespace"]}/{meta["name"]}";
        lock (_lock)
        {
            var store = Store(plural);
            var type = store.ContainsKey(key) ? "MODIFIED" : "ADDED";
            meta["resourceVersion"] = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            store[key] = obj;
            Publish(plural, (string?)meta["namespace"] ?? "", type, obj);
        }
    }

    /// <summary>Deletes an object, telling watchers.</summary>
    public void Delete(string plural, string ns, string name)
    {
        lock (_lock)
        {
            if (Store(plural).Remove($"{ns}/{name}", out var obj))
            {
                obj["metadata"]!["resourceVersion"] = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Publish(plural, ns, "DELETED", obj);
            }
        }
    }

    /// <summary>Ends every open watch with an ERROR 410 event (the resource version expired).</summary>
    public void ExpireWatches() => EndWatches("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version","reason":"Expired","code":410}}""", abort: false);

    /// <summary>Resets every open watch's connection (a broken stream, not a clean end).</summary>
    public void BreakWatches() => EndWatches(null, abort: true);

    /// <summary>Ends every open watch cleanly, as the server does when a watch's timeout is reached.</summary>
    public void EndWatchesCleanly() => EndWatches(null, abort: false);

    private void EndWatches(string? lastLine, bool abort)
    {
        lock (_lock)
        {
            foreach (var (_, _, lines) in _watches)
            {
                if (lastLine is not null)
                {
                    lines.Writer.TryWrite(lastLine);
                }
                lines.Writer.TryComplete(abort ? new IOException("connection reset by the stand-in") : null);
            }
            _watches.Clear();
            _log.Clear();
        }
    }

    private Dictionary<string, JsonObject> Store(string plural)
    {
        if (!_objects.TryGetValue(plural, out var store))
        {
            store = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[plural] = store;
        }
        return store;
    }

    private void Publish(string plural, string ns, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString();
        _log.Add((_version, plural, ns, line));
        foreach (var watch in _watches.Where(w => w.Plural == plural && (w.Ns.Length == 0 || w.Ns == ns)))
        {
            watch.Lines.Writer.TryWrite(line);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        lock (_lock)
        {
            _requests.Add($"{request.HttpMethod} {request.RawUrl}");
            _authorizations.Add(request.Headers["Authorization"]);
        }
        try
        {
            var (plural, ns) = ParsePath(request.Url!.AbsolutePath);
            if (Fault is { } fault)
            {
                await WriteAsync(response, fault.Status, fault.Body);
            }
            else if (request.QueryString["watch"] == "true")
            {
                await WatchAsync(response, plural, ns, long.Parse(request.QueryString["resourceVersion"] ?? "0", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                await WriteAsync(response, 200, List(plural, ns));
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away mid-response, or the test asked for a reset.
            response.Abort();
            return;
        }
        try
        {
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Already closed by a broken connection.
        }
    }

    private string List(string plural, string ns)
    {
        lock (_lock)
        {
            var items = new JsonArray([.. Store(plural).Values.Where(o => ns.Length == 0 || (string?)o["metadata"]!["namespace"] == ns).Select(o => o.DeepClone())]);
            return new JsonObject { ["kind"] = "List", ["apiVersion"] = "v1", ["metadata"] = new JsonObject { ["resourceVersion"] = _version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ["items"] = items }.ToJsonString();
        }
    }

    private async Task WatchAsync(HttpListenerResponse response, string plural, string ns, long from)
    {
        var lines = Channel.CreateUnbounded<string>();
        lock (_lock)
        {
            foreach (var missed in _log.Where(l => l.Version > from && l.Plural == plural && (ns.Length == 0 || l.Ns == ns)))
            {
                lines.Writer.TryWrite(missed.Line);
            }
            _watches.Add((plural, ns, lines));
        }
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.SendChunked = true;
        var output = response.OutputStream;
        await output.FlushAsync();
        await foreach (var line in lines.Reader.ReadAllAsync())
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            await output.WriteAsync(bytes);
            await output.FlushAsync();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static (string Plural, string Ns) ParsePath(string path)
    {
        var parts = path.Trim('/').Split('/');
        var nsIndex = Array.IndexOf(parts, "namespaces");
        var ns = nsIndex >= 0 && nsIndex + 2 < parts.Length ? parts[nsIndex + 1] : "";
        return (parts[^1], ns);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_listener.IsListening)
        {
            return;
        }
        BreakWatches();
        _listener.Stop();
        _listener.Close();
        await _serve;
    }
}
