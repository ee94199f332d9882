using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Api.Alertmanager;
using Vigil.Api.Metrics;

namespace Vigil.Api.Hosting;

/// <summary>Settings of the Alertmanager web side.</summary>
/// <param name="ListenAddresses">Where to listen (<c>--web.listen-address</c>, repeatable).</param>
/// <param name="RoutePrefix">Normalised route prefix (<c>/</c> or <c>/path</c>).</param>
public sealed record WebOptions(IReadOnlyList<ListenAddress> ListenAddresses, string RoutePrefix);

/// <summary>
/// Builds the Kestrel application serving Alertmanager's HTTP surface: lifecycle endpoints,
/// <c>/metrics</c> and API v2, all under the route prefix. Minimal APIs only, no MVC, so
/// startup is fast and the ingest path has no framework overhead beyond routing.
/// </summary>
public static class AlertmanagerWebApp
{
    /// <summary>Creates the application (not yet started).</summary>
    public static WebApplication Build(WebOptions options, IAlertmanagerBackend backend, PrometheusExporter exporter, ApiMetrics metrics, ILoggerProvider logging, HttpMetrics? http = null)
    {
        var app = WebHostBuilding.Create(options, logging);
        http?.UseIn(app);
        var logger = logging.CreateLogger("api");
        MapAll(app, options.RoutePrefix, backend, exporter, metrics, logger);
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (e.g. the real port for <c>:0</c>), as <c>host:port</c>.</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a).Authority).ToList() ?? [];

    private static void MapAll(WebApplication app, string prefix, IAlertmanagerBackend backend, PrometheusExporter exporter, ApiMetrics metrics, ILogger logger)
    {
        if (prefix != "/")
        {
            app.MapGet("/", ctx =>
            {
                ctx.Response.Redirect(prefix, permanent: false);
                return Task.CompletedTask;
            });
        }
        var root = app.MapGroup(prefix == "/" ? "" : prefix);
        LifecycleEndpoints.Map(root, backend, logger);
        root.MapGet("/metrics", ctx =>
        {
            ctx.Response.ContentType = TextFormat.ContentType;
            return ctx.Response.WriteAsync(exporter.Render(), ctx.RequestAborted);
        });
        var api = root.MapGroup("/api/v2");
        AlertsEndpoints.Map(api, backend, metrics, logger);
        StatusEndpoints.Map(api, backend, BuildInfo.Current);
        SilencesEndpoints.Map(api, backend);
        VigilEndpoints.Map(api, backend);
    }
}
