using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Vigil's own endpoints, under <c>/api/v2/vigil/</c> (a path upstream does not use):
/// <c>GET /api/v2/vigil/notifications?limit=N</c> lists recent notification attempts, newest
/// first, with the far side's answer, so "why did Slack not get it?" has an answer.
/// </summary>
public static class VigilEndpoints
{
    /// <summary>Default and maximum number of attempts returned.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Maps the endpoints onto the <c>/api/v2</c> group.</summary>
    public static void Map(IEndpointRouteBuilder api, IAlertmanagerBackend backend)
    {
        api.MapGet("/vigil/notifications", ctx =>
        {
            var limit = DefaultLimit;
            var raw = ctx.Request.Query["limit"].ToString();
            if (raw.Length > 0 && (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit <= 0))
            {
                return ApiResults.ErrorAsync(ctx, StatusCodes.Status400BadRequest, $"limit in query must be a positive integer, got {Vigil.Model.GoString.Quote(raw)}");
            }
            var attempts = backend.NotificationAttempts(limit);
            return ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w =>
            {
                w.WriteStartArray();
                foreach (var a in attempts)
                {
                    w.WriteStartObject();
                    w.WriteString("at", GoTime.Format(a.At));
                    w.WriteString("receiver", a.Receiver);
                    w.WriteString("integration", a.Integration);
                    w.WriteString("groupKey", a.GroupKey);
                    w.WriteNumber("alerts", a.Alerts);
                    w.WriteBoolean("success", a.Success);
                    if (a.StatusCode is { } code)
                    {
                        w.WriteNumber("statusCode", code);
                    }
                    w.WriteString("detail", a.Detail);
                    w.WriteNumber("durationSeconds", a.Duration.TotalSeconds);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        });
    }
}
