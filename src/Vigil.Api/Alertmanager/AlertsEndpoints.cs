using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Model;

namespace Vigil.Api.Alertmanager;

/// <summary><c>/api/v2/alerts</c> and <c>/api/v2/alerts/groups</c>.</summary>
public static class AlertsEndpoints
{
    /// <summary>Maps the alert endpoints onto <paramref name="api"/> (the <c>/api/v2</c> group).</summary>
    public static void Map(IEndpointRouteBuilder api, IAlertmanagerBackend backend, ApiMetrics metrics, ILogger logger)
    {
        api.MapGet("/alerts", ctx => GetAlertsAsync(ctx, backend));
        api.MapPost("/alerts", ctx => PostAlertsAsync(ctx, backend, metrics, logger));
        api.MapGet("/alerts/groups", ctx => GetGroupsAsync(ctx, backend));
    }

    private static Task GetAlertsAsync(HttpContext ctx, IAlertmanagerBackend backend)
    {
        var query = AlertQuery.Parse(ctx.Request.Query, out var error);
        if (query is null)
        {
            return ApiResults.ErrorAsync(ctx, StatusCodes.Status400BadRequest, error);
        }
        var now = backend.Time.GetUtcNow();
        var selected = new List<(Alert Alert, Vigil.Alertmanager.Alerts.AlertStatus Status, IReadOnlyList<string> Receivers)>();
        foreach (var alert in backend.Alerts())
        {
            if (alert.ResolvedAt(now) || !query.MatchesLabels(alert.Labels))
            {
                continue;
            }
            var receivers = backend.ReceiversFor(alert.Labels);
            if (!query.MatchesReceivers(receivers))
            {
                continue;
            }
            var status = backend.StatusOf(alert);
            if (query.MatchesStatus(status))
            {
                selected.Add((alert, status, receivers));
            }
        }
        selected.Sort(static (a, b) => string.CompareOrdinal(a.Alert.Fingerprint.ToString(), b.Alert.Fingerprint.ToString()));
        return ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray();
            foreach (var (alert, status, receivers) in selected)
            {
                ApiJsonWriter.WriteAlert(w, alert, status, receivers, []);
            }
            w.WriteEndArray();
        });
    }

    private static async Task PostAlertsAsync(HttpContext ctx, IAlertmanagerBackend backend, ApiMetrics metrics, ILogger logger)
    {
        var reader = ctx.Request.BodyReader;
        var read = await ReadAllAsync(reader, ctx.RequestAborted);
        var now = backend.Time.GetUtcNow();
        var result = AlertDecoder.Decode(read.Buffer, now, backend.Config.Global.ResolveTimeout);
        reader.AdvanceTo(read.Buffer.End);
        // As upstream: received counts the whole batch, invalid alerts included; invalid counts those on top.
        metrics.Received(result.Received, now);
        if (!result.Ok)
        {
            metrics.Invalid(result.InvalidCount);
            var message = string.Join("\n", result.Errors);
            logger.Debug("Failed to validate alerts", ("err", message));
            await ApiResults.ErrorAsync(ctx, StatusCodes.Status400BadRequest, message);
            return;
        }
        backend.Put(result.Alerts);
        ctx.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task<ReadResult> ReadAllAsync(PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            if (result.IsCompleted || result.IsCanceled)
            {
                return result;
            }
            // Not done: mark everything examined so the next read waits for more data.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static Task GetGroupsAsync(HttpContext ctx, IAlertmanagerBackend backend)
    {
        var query = AlertQuery.Parse(ctx.Request.Query, out var error);
        if (query is null)
        {
            return ApiResults.ErrorAsync(ctx, StatusCodes.Status400BadRequest, error);
        }
        var groups = backend.Groups();
        return ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray();
            foreach (var group in groups)
            {
                WriteGroup(w, group, query, backend);
            }
            w.WriteEndArray();
        });
    }

    private static void WriteGroup(System.Text.Json.Utf8JsonWriter w, AlertGroupSnapshot group, AlertQuery query, IAlertmanagerBackend backend)
    {
        if (!query.MatchesReceivers([group.Receiver]) || (!query.Muted && group.MutedBy.Count > 0))
        {
            return;
        }
        var alerts = group.Alerts
            .Where(a => query.MatchesLabels(a.Labels))
            .Select(a => (Alert: a, Status: backend.StatusOf(a)))
            .Where(x => query.MatchesStatus(x.Status))
            .ToList();
        if (alerts.Count == 0)
        {
            return;
        }
        w.WriteStartObject();
        w.WriteStartArray("alerts");
        foreach (var (alert, status) in alerts)
        {
            ApiJsonWriter.WriteAlert(w, alert, status, backend.ReceiversFor(alert.Labels), group.MutedBy);
        }
        w.WriteEndArray();
        w.WritePropertyName("labels");
        ApiJsonWriter.WriteLabels(w, group.Labels);
        w.WritePropertyName("receiver");
        ApiJsonWriter.WriteReceiverReference(w, group.Receiver);
        w.WritePropertyName("routeLabels");
        w.WriteStartObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
