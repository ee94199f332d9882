using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Placeholder silence endpoints until silences are implemented: listing answers honestly with
/// no silences (so <c>amtool silence query</c> and UIs work), creating or expiring one answers
/// 501 with a message that says why, instead of pretending the silence took effect.
/// </summary>
public static class SilencesEndpoints
{
    private const string NotYet = "silences are not implemented in this version of vigil yet; the silence was not created";

    /// <summary>Maps the endpoints onto the <c>/api/v2</c> group.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/silences", ctx => ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray();
            w.WriteEndArray();
        }));
        api.MapPost("/silences", ctx => ApiResults.ErrorAsync(ctx, StatusCodes.Status501NotImplemented, NotYet));
        api.MapGet("/silence/{id}", ctx => ApiResults.ErrorAsync(ctx, StatusCodes.Status404NotFound, "silence not found"));
        api.MapDelete("/silence/{id}", ctx => ApiResults.ErrorAsync(ctx, StatusCodes.Status404NotFound, "silence not found"));
    }
}
