using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vigil.Api.Alertmanager;
using Vigil.Api.Metrics;
using Vigil.Api.Prometheus;
using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Storage.Pooling;

namespace Vigil.Api.Hosting;

/// <summary>Settings of the Prometheus web side.</summary>
/// <param name="Web">Listen addresses and route prefix.</param>
/// <param name="LifecycleEnabled"><c>--web.enable-lifecycle</c>: whether <c>/-/reload</c> works.</param>
/// <param name="RemoteWriteReceiver"><c>--web.enable-remote-write-receiver</c>: whether <c>/api/v1/write</c> exists.</param>
public sealed record PrometheusWebOptions(WebOptions Web, bool LifecycleEnabled, bool RemoteWriteReceiver);

/// <summary>What the Prometheus web app serves besides the backend: reload, query slots, metrics.</summary>
/// <param name="Reload">Reloads <c>prometheus.yml</c>.</param>
/// <param name="Gate">Bounds concurrent queries.</param>
/// <param name="Exporter">Renders <c>/metrics</c>.</param>
/// <param name="RemoteWrite">Remote write counters.</param>
public sealed record PrometheusWebParts(Func<CancellationToken, Task<ReloadOutcome>> Reload, QueryGate Gate, PrometheusExporter Exporter, RemoteWriteMetrics RemoteWrite)
{
    /// <summary>
    /// GET endpoints under <c>/api/v1</c> that only the host can answer (rules, alerts, targets, config), keyed
    /// by path; the host supplies them so this library needs no reference to the rule engine or scraping.
    /// </summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, ApiResult>> HostApi { get; init; } = new Dictionary<string, Func<ApiRequest, ApiResult>>();

    /// <summary>
    /// The database behind <c>/api/v1/admin/tsdb/*</c>, given only with <c>--web.enable-admin-api</c>; when null the
    /// endpoints answer upstream's "admin APIs disabled" error.
    /// </summary>
    public ITsdbAdmin? Admin { get; init; }

    /// <summary>External labels and lookback for <c>/federate</c>; without it the endpoint is not served.</summary>
    public FederationSource? Federation { get; init; }

    /// <summary>Serves <c>POST /api/v1/read</c>; without it the endpoint is not served.</summary>
    public RemoteReadHandler? RemoteRead { get; init; }
}

/// <summary>
/// Builds the Kestrel application serving Prometheus's HTTP surface: lifecycle endpoints,
/// <c>/metrics</c>, <c>/api/v1</c> and (when enabled) the remote write receiver, under the route prefix.
/// </summary>
public static class PrometheusWebApp
{
    /// <summary>Creates the application (not yet started).</summary>
    public static WebApplication Build(PrometheusWebOptions options, IPrometheusBackend backend, PrometheusWebParts parts, ILoggerProvider logging, HttpMetrics? http = null)
    {
        var app = WebHostBuilding.Create(options.Web, logging);
        http?.UseIn(app);
        var logger = logging.CreateLogger("web");
        var prefix = options.Web.RoutePrefix;
        if (prefix != "/")
        {
            app.MapGet("/", ctx =>
            {
                ctx.Response.Redirect(prefix, permanent: false);
                return Task.CompletedTask;
            });
        }
        var root = app.MapGroup(prefix == "/" ? "" : prefix);
        LifecycleEndpoints.Map(root, parts.Reload, logger, options.LifecycleEnabled, "Prometheus");
        root.MapGet("/metrics", ctx =>
        {
            ctx.Response.ContentType = TextFormat.ContentType;
            return ctx.Response.WriteAsync(parts.Exporter.Render(), ctx.RequestAborted);
        });
        if (parts.Federation is { } federation)
        {
            root.MapGet("/federate", ctx => FederateAsync(ctx, backend, federation));
        }
        var api = root.MapGroup("/api/v1");
        PrometheusEndpoints.Map(api, backend, parts.Gate, logging.CreateLogger("api"), [.. parts.HostApi.Keys]);
        AdminEndpoints.Map(api, parts.Admin, backend.Time, logging.CreateLogger("api"));
        foreach (var (path, handler) in parts.HostApi)
        {
            PrometheusEndpoints.MapGet(api, path, logging.CreateLogger("api"), handler);
        }
        if (parts.RemoteRead is { } reader)
        {
            api.MapPost("/read", reader.HandleAsync);
        }
        if (options.RemoteWriteReceiver)
        {
            var handler = new RemoteWriteHandler(backend.Storage, parts.RemoteWrite, logging.CreateLogger("remote_write"), backend.Time);
            api.MapPost("/write", ctx => WriteAsync(ctx, handler));
        }
        return app;
    }

    private static async Task FederateAsync(HttpContext ctx, IPrometheusBackend backend, FederationSource federation)
    {
        string body;
        try
        {
            var request = await ApiRequest.ReadAsync(ctx.Request, ctx.RequestAborted);
            body = Federation.Render(backend.Storage, Federation.Selectors(request), backend.Time.GetUtcNow().ToUnixTimeMilliseconds(), federation.LookbackDelta, federation.ExternalLabels());
        }
        catch (ApiError e)
        {
            // Upstream answers a bad selector in plain text, as http.Error does.
            ctx.Response.StatusCode = 400;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync(e.Message + "\n", ctx.RequestAborted);
            return;
        }
        ctx.Response.ContentType = Federation.ContentType;
        await ctx.Response.WriteAsync(body, ctx.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext ctx, RemoteWriteHandler handler)
    {
        // Kestrel's request body limit (30 MB) bounds this; senders batch far below it. The body goes into
        // a pooled buffer: a fresh one per request would be large-object-heap garbage every time.
        var (buffer, length) = await PooledBody.ReadAsync(ctx.Request.Body, ctx.Request.ContentLength, ctx.RequestAborted);
        WriteOutcome outcome;
        try
        {
            outcome = handler.Handle(buffer.AsSpan(0, length));
        }
        finally
        {
            LargeArrayPool<byte>.Shared.Return(buffer);
        }
        ctx.Response.StatusCode = outcome.StatusCode;
        if (outcome.Error.Length > 0)
        {
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync(outcome.Error + "\n", ctx.RequestAborted);
        }
    }
}
