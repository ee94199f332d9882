using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vigil.Api.Hosting;

/// <summary>
/// <c>{program}_http_request_duration_seconds{handler,method}</c> for every routed request, the
/// histogram upstream exposes. The handler label is the route pattern, so it stays bounded.
/// </summary>
public sealed class HttpMetrics : IDisposable
{
    /// <summary>The meter of these instruments.</summary>
    public const string MeterName = "Vigil.Api.Http";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments for <paramref name="program"/> (e.g. <c>alertmanager</c>).</summary>
    public HttpMetrics(string program) =>
        _duration = _meter.CreateHistogram<double>(program + "_http_request_duration_seconds", "s", "Histogram of latencies for HTTP requests.");

    /// <summary>The meter, so an exporter can select exactly these instruments.</summary>
    public Meter Meter => _meter;

    /// <summary>Adds the timing middleware to <paramref name="app"/>.</summary>
    public void UseIn(WebApplication app) => app.Use(async (ctx, next) =>
    {
        var start = Stopwatch.GetTimestamp();
        await next(ctx);
        if (ctx.GetEndpoint() is RouteEndpoint endpoint)
        {
            _duration.Record(
                Stopwatch.GetElapsedTime(start).TotalSeconds,
                new KeyValuePair<string, object?>("handler", endpoint.RoutePattern.RawText),
                new KeyValuePair<string, object?>("method", ctx.Request.Method.ToLowerInvariant()));
        }
    });

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
