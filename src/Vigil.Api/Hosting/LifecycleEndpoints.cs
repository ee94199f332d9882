using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vigil.Api.Alertmanager;
using Vigil.Api.Logging;

namespace Vigil.Api.Hosting;

/// <summary><c>/-/healthy</c>, <c>/-/ready</c> and <c>/-/reload</c>, answered as upstream answers them.</summary>
public static class LifecycleEndpoints
{
    /// <summary>Maps the endpoints under the route prefix for Alertmanager (reload always enabled).</summary>
    public static void Map(IEndpointRouteBuilder root, IAlertmanagerBackend backend, ILogger logger) =>
        Map(root, backend.ReloadAsync, logger, lifecycleEnabled: true, "Alertmanager");

    /// <summary>
    /// Maps the endpoints; without <paramref name="lifecycleEnabled"/> (<c>--web.enable-lifecycle</c>)
    /// a reload request is refused with 403, as Prometheus refuses it.
    /// </summary>
    public static void Map(IEndpointRouteBuilder root, Func<CancellationToken, Task<ReloadOutcome>> reload, ILogger logger, bool lifecycleEnabled, string program)
    {
        root.MapMethods("/-/healthy", ["GET", "HEAD"], ctx => ctx.Response.WriteAsync(program == "Alertmanager" ? "OK" : $"{program} Server is Healthy.\n", ctx.RequestAborted));
        root.MapMethods("/-/ready", ["GET", "HEAD"], ctx => ctx.Response.WriteAsync(program == "Alertmanager" ? "OK" : $"{program} Server is Ready.\n", ctx.RequestAborted));
        root.MapMethods("/-/reload", ["POST", "PUT"], async ctx =>
        {
            if (!lifecycleEnabled)
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ctx.Response.WriteAsync("Lifecycle API is not enabled.", ctx.RequestAborted);
                return;
            }
            var outcome = await reload(ctx.RequestAborted);
            if (outcome.Ok)
            {
                return;
            }
            logger.Error("Failed to reload config", ("err", outcome.Error));
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await ctx.Response.WriteAsync($"failed to reload config: {outcome.Error}\n", ctx.RequestAborted);
        });
    }
}
