using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.IntegrationTests.ProtobufScrape;

/// <summary>
/// A scrape target serving a fixed sequence of protobuf bodies: each scraper (told apart by User-Agent) gets body 0
/// on its first request, body 1 on its second, and the last body from then on. The bodies carry their own
/// timestamps, so two scrapers that scrape at different moments still store the very same samples.
/// </summary>
internal sealed class ProtobufTarget : IAsyncDisposable
{
    private const string ContentType = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.Ordinal);

    private ProtobufTarget(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The Accept header of each scraper's first request.</summary>
    public ConcurrentDictionary<string, string> Accept { get; } = new(StringComparer.Ordinal);

    /// <summary>How many requests the scraper whose User-Agent starts with <paramref name="agent"/> has made.</summary>
    public int Served(string agent) => _served.Where(s => s.Key.StartsWith(agent, StringComparison.Ordinal)).Sum(s => s.Value);

    public static async Task<ProtobufTarget> StartAsync(int port, IReadOnlyList<byte[]> bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var target = new ProtobufTarget(app);
        app.Run(context =>
        {
            var agent = context.Request.Headers.UserAgent.ToString();
            target.Accept.TryAdd(agent, context.Request.Headers.Accept.ToString());
            var n = target._served.AddOrUpdate(agent, 1, (_, k) => k + 1);
            context.Response.ContentType = ContentType;
            return context.Response.Body.WriteAsync(bodies[Math.Min(n - 1, bodies.Count - 1)], context.RequestAborted).AsTask();
        });
        await app.StartAsync();
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
