using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Vigil.Api.Alertmanager;

/// <summary>Response helpers shared by the API v2 handlers.</summary>
internal static class ApiResults
{
    private const string Json = "application/json";

    /// <summary>Writes a JSON body produced by <paramref name="write"/>.</summary>
    public static async Task WriteJsonAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, ApiJsonWriter.Options))
        {
            write(w);
        }
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = Json;
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.ContentLength = buffer.WrittenCount;
        await ctx.Response.Body.WriteAsync(buffer.WrittenMemory, ctx.RequestAborted);
    }

    /// <summary>An error as upstream sends it: a JSON string body.</summary>
    public static Task ErrorAsync(HttpContext ctx, int status, string message) =>
        WriteJsonAsync(ctx, status, w => w.WriteStringValue(message));
}
