using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Api.Metrics;

namespace Vigil.Api.Prometheus;

/// <summary>Maps <c>/api/v1</c> with the methods upstream accepts for each endpoint.</summary>
public static class PrometheusEndpoints
{
    private static readonly string[] GetPost = ["GET", "POST"];

    /// <summary>
    /// Maps every query and status endpoint under <paramref name="api"/> (the <c>/api/v1</c> group), except those in
    /// <paramref name="answeredByHost"/>: a host that knows more (e.g. scraped metadata) maps its own.
    /// </summary>
    public static void Map(IEndpointRouteBuilder api, IPrometheusBackend backend, QueryGate gate, ILogger logger, IReadOnlyCollection<string>? answeredByHost = null)
    {
        MapQuery(api, "/query", gate, logger, (r, c) => QueryHandlers.Instant(backend, r, c));
        MapQuery(api, "/query_range", gate, logger, (r, c) => QueryHandlers.Range(backend, r, c));
        Map(api, "/format_query", GetPost, logger, (r, _) => QueryHandlers.Format(r, backend.Engine.ParserOptions));
        Map(api, "/parse_query", GetPost, logger, (r, _) => AstJson.Parse(r, backend.Engine.ParserOptions));
        Map(api, "/query_exemplars", GetPost, logger, (r, _) => ExemplarHandlers.Exemplars(backend.Exemplars, r, backend.Engine.ParserOptions));
        Map(api, "/series", GetPost, logger, (r, _) => SeriesHandlers.Series(backend, r));
        Map(api, "/labels", GetPost, logger, (r, _) => SeriesHandlers.LabelNames(backend, r));
        Map(api, "/label/{name}/values", ["GET"], logger, (r, _) => SeriesHandlers.LabelValues(backend, r));
        if (answeredByHost?.Contains("/metadata") != true)
        {
            Map(api, "/metadata", ["GET"], logger, (r, _) => StatusHandlers.Metadata(r));
        }
        Map(api, "/status/buildinfo", ["GET"], logger, (_, _) => StatusHandlers.BuildInfo(BuildInfo.Current));
        Map(api, "/status/flags", ["GET"], logger, (_, _) => StatusHandlers.Flags(backend));
        Map(api, "/status/runtimeinfo", ["GET"], logger, (_, _) => StatusHandlers.RuntimeInfo(backend));
    }

    /// <summary>Maps one GET endpoint with the parameter parsing, envelope and error handling of the others.</summary>
    public static void MapGet(IEndpointRouteBuilder api, string pattern, ILogger logger, Func<ApiRequest, ApiResult> handler) =>
        Map(api, pattern, ["GET"], logger, (r, _) => handler(r));

    /// <summary>Maps one endpoint for <paramref name="methods"/> with the parameter parsing, envelope and error handling of the others.</summary>
    public static void MapMethods(IEndpointRouteBuilder api, string pattern, string[] methods, ILogger logger, Func<ApiRequest, ApiResult> handler) =>
        Map(api, pattern, methods, logger, (r, _) => handler(r));

    private static void MapQuery(IEndpointRouteBuilder api, string pattern, QueryGate gate, ILogger logger, Func<ApiRequest, CancellationToken, ApiResult> handler) =>
        Map(api, pattern, GetPost, logger, handler, gate);

    private static void Map(IEndpointRouteBuilder api, string pattern, string[] methods, ILogger logger, Func<ApiRequest, CancellationToken, ApiResult> handler, QueryGate? gate = null) =>
        api.MapMethods(pattern, methods, async ctx =>
        {
            var aborted = ctx.RequestAborted;
            ApiResult result;
            try
            {
                var request = await ApiRequest.ReadAsync(ctx.Request, aborted);
                using var slot = gate is null ? null : await gate.EnterAsync(aborted);
                result = handler(request, aborted);
            }
            catch (ApiError e)
            {
                await ApiJson.WriteErrorAsync(ctx.Response, e, aborted);
                return;
            }
            catch (InvalidDataException e)
            {
                await ApiJson.WriteErrorAsync(ctx.Response, new ApiError(ApiErrorType.BadData, $"error parsing form values: {e.Message}"), aborted);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The process stays up; the caller sees upstream's shape for a server-side failure.
                logger.Error("API request failed", ("path", ctx.Request.Path.ToString()), ("err", e.Message));
                await ApiJson.WriteErrorAsync(ctx.Response, new ApiError(ApiErrorType.Internal, e.Message), aborted);
                return;
            }
            if (result.IsNoContent)
            {
                ctx.Response.StatusCode = 204;
                return;
            }
            await ApiJson.WriteSuccessAsync(ctx.Response, result, aborted);
        });
}
