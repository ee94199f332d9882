using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Alertmanager.Silences;
using Vigil.Model.Labels;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// <c>/api/v2/silences</c> and <c>/api/v2/silence/{id}</c> over the durable <see cref="SilenceStore"/>:
/// a 200 to a POST or DELETE means the change has been fsynced to the journal.
/// </summary>
public static class SilencesEndpoints
{
    private const string CreateFailed = "Failed to create silence: ";

    /// <summary>Maps the endpoints onto the <c>/api/v2</c> group.</summary>
    public static void Map(IEndpointRouteBuilder api, IAlertmanagerBackend backend)
    {
        api.MapGet("/silences", ctx => ListAsync(ctx, backend));
        api.MapPost("/silences", ctx => PostAsync(ctx, backend));
        api.MapGet("/silence/{id}", ctx => GetAsync(ctx, backend, (string)ctx.Request.RouteValues["id"]!));
        api.MapDelete("/silence/{id}", ctx => DeleteAsync(ctx, backend, (string)ctx.Request.RouteValues["id"]!));
    }

    private static Task ListAsync(HttpContext ctx, IAlertmanagerBackend backend)
    {
        var filter = new List<Matcher>();
        foreach (var f in ctx.Request.Query["filter"])
        {
            try
            {
                filter.AddRange(MatcherParser.ParseList(f ?? ""));
            }
            catch (FormatException e)
            {
                return ApiResults.ErrorAsync(ctx, StatusCodes.Status400BadRequest, $"bad matcher format: {f}: {e.Message}");
            }
        }

        var now = backend.Time.GetUtcNow();
        var silences = SilenceOrder.ForApi(backend.Silences.Query(new SilenceQuery { Filter = filter }), now);
        return ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray();
            foreach (var s in silences)
            {
                WriteSilence(w, s, now);
            }

            w.WriteEndArray();
        });
    }

    private static Task GetAsync(HttpContext ctx, IAlertmanagerBackend backend, string id)
    {
        var silence = backend.Silences.Get(id);
        if (silence is null)
        {
            return ApiResults.ErrorAsync(ctx, StatusCodes.Status404NotFound, $"silence {id} not found");
        }

        var now = backend.Time.GetUtcNow();
        return ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w => WriteSilence(w, silence, now));
    }

    private static async Task DeleteAsync(HttpContext ctx, IAlertmanagerBackend backend, string id)
    {
        try
        {
            // Expiring an already expired silence is a no-op answered 200, as newer upstream does:
            // `amtool silence expire` run twice should not fail the second time.
            await backend.Silences.ExpireAsync(id);
        }
        catch (SilenceNotFoundException e)
        {
            await ApiResults.ErrorAsync(ctx, StatusCodes.Status404NotFound, e.Message);
            return;
        }

        ctx.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task PostAsync(HttpContext ctx, IAlertmanagerBackend backend)
    {
        var read = await ReadAllAsync(ctx.Request.BodyReader, ctx.RequestAborted);
        var silence = PostableSilenceDecoder.Decode(read.Buffer.ToArray(), out var error);
        ctx.Request.BodyReader.AdvanceTo(read.Buffer.End);
        if (silence is null)
        {
            await ApiResults.ErrorAsync(ctx, StatusCodes.Status400BadRequest, error);
            return;
        }

        var (status, message) = await StoreAsync(backend, silence);
        if (status != StatusCodes.Status200OK)
        {
            await ApiResults.ErrorAsync(ctx, status, message);
            return;
        }

        await ApiResults.WriteJsonAsync(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("silenceID", message);
            w.WriteEndObject();
        });
    }

    // Upstream's handler order: the API's own time checks, then the store's rules.
    private static async Task<(int Status, string IdOrError)> StoreAsync(IAlertmanagerBackend backend, Silence silence)
    {
        if (SilenceValidation.ValidateForCreate(silence, backend.Time.GetUtcNow()) is { } problem)
        {
            return (StatusCodes.Status400BadRequest, CreateFailed + problem);
        }

        try
        {
            return (StatusCodes.Status200OK, await backend.Silences.SetAsync(silence));
        }
        catch (SilenceNotFoundException e)
        {
            return (StatusCodes.Status404NotFound, e.Message);
        }
        catch (InvalidSilenceException e)
        {
            return (StatusCodes.Status400BadRequest, e.Message);
        }
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

    /// <summary>Writes one <c>gettableSilence</c>.</summary>
    private static void WriteSilence(Utf8JsonWriter w, Silence s, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteStartObject("status");
        w.WriteString("state", s.StateAt(now).ToApiString());
        w.WriteEndObject();
        w.WriteString("updatedAt", GoTime.Format(s.UpdatedAt));
        w.WriteStartArray("matchers");
        foreach (var m in s.Matchers)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteString("value", m.Value);
            w.WriteBoolean("isRegex", m.Type.IsRegex());
            w.WriteBoolean("isEqual", !m.Type.IsNegative());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("startsAt", GoTime.Format(s.StartsAt));
        w.WriteString("endsAt", GoTime.Format(s.EndsAt));
        w.WriteString("createdBy", s.CreatedBy);
        w.WriteString("comment", s.Comment);
        // Required by the spec, so written even when there are none.
        w.WriteStartObject("annotations");
        foreach (var (key, value) in s.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
