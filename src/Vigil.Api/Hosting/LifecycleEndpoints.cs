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
    /// <summary>Maps the endpoints under the route prefix.</summary>
    public static void Map(IEndpointRouteBuilder root, IAlertmanagerBackend backend, ILogger logger)
    {
        root.MapMethods("/-/healthy", ["GET", "HEAD"], ctx => ctx.Response.WriteAsync("OK", ctx.RequestAborted));
        root.MapMethods("/-/ready", ["GET", "HEAD"], ctx => ctx.Response.WriteAsync("OK", ctx.RequestAborted));
        root.MapMethods("/-/reload", ["POST", "PUT"], async ctx =>
        {
            var outcome = await backend.ReloadAsync(ctx.RequestAborted);
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
