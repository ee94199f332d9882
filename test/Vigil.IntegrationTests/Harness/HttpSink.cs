using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.IntegrationTests.Harness;

/// <summary>A local HTTP server standing in for Slack and webhook endpoints: records every request and
/// answers each path from a programmable script (then 200 "ok" once the script runs out).</summary>
public sealed class HttpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SinkResponse>> _scripts = new();
    private readonly ConcurrentDictionary<string, SinkResponse> _defaults = new();

    private HttpSink(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a sink on a free loopback port.</summary>
    public static async Task<HttpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new HttpSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        sink.BaseUrl = addresses.Addresses.Single().TrimEnd('/');
        return sink;
    }

    /// <summary>The full URL of <paramref name="path"/> on this sink.</summary>
    public string Url(string path) => BaseUrl + path;

    /// <summary>Queues answers for <paramref name="path"/>, used one per request in order.</summary>
    public void Script(string path, params SinkResponse[] responses)
    {
        var queue = _scripts.GetOrAdd(path, _ => new ConcurrentQueue<SinkResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    /// <summary>The answer for <paramref name="path"/> once its script is used up (default 200 "ok").</summary>
    public void Always(string path, SinkResponse response) => _defaults[path] = response;

    /// <summary>The requests received on <paramref name="path"/>.</summary>
    public IReadOnlyList<RecordedRequest> On(string path) => [.. _requests.Where(r => r.Path == path)];

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="filter"/> arrived.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(
        Func<RecordedRequest, bool> filter, int count, TimeSpan deadline, Func<string>? diagnostics = null)
    {
        await Poll.UntilAsync(
            () => _requests.Count(filter) >= count,
            deadline,
            $"{count} matching request(s) at the sink",
            () => Describe() + "\n" + diagnostics?.Invoke());
        return [.. _requests.Where(filter)];
    }

    /// <summary>All recorded requests, one per line, for failure messages.</summary>
    public string Describe() => "--- sink requests ---\n" + string.Join('\n', _requests);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.Value ?? "/";
        var response = NextResponse(path);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, path, headers, body, receivedAt, response.Status));

        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    private SinkResponse NextResponse(string path)
    {
        if (_scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted))
        {
            return scripted;
        }

        return _defaults.TryGetValue(path, out var fallback) ? fallback : SinkResponse.Ok;
    }
}
