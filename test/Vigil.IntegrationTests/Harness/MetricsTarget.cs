using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.IntegrationTests.Harness;

/// <summary>A tiny scrape target serving <c>/metrics</c> on a fixed port, so a test can stop it (the
/// instance goes down) and start it again on the same address (it comes back).</summary>
public sealed class MetricsTarget : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsTarget(WebApplication app)
    {
        _app = app;
    }

    /// <summary>
    /// Serves <c>/metrics</c> on <c>127.0.0.1:<paramref name="port"/></c>, <paramref name="body"/> if given, labelled
    /// <paramref name="contentType"/> (the text format unless a test serves OpenMetrics).
    /// </summary>
    public static async Task<MetricsTarget> StartAsync(int port, string? body = null, string contentType = "text/plain; version=0.0.4")
    {
        body ??= "# TYPE vigil_test_target_up gauge\nvigil_test_target_up 1\n";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        return new MetricsTarget(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
