using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Api.Prometheus;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>Helpers: build requests from query strings, render results and errors as JSON text.</summary>
public static class ApiTestKit
{
    /// <summary>A request from <c>a=1&amp;b=2</c> (values URL-decoded), optionally with route values.</summary>
    public static ApiRequest Request(string query, string? labelName = null)
    {
        var pairs = query.Length == 0 ? [] : query.Split('&').Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(Uri.UnescapeDataString(p[..eq]), Uri.UnescapeDataString(p[(eq + 1)..].Replace('+', ' ')));
        }).ToList();
        var route = labelName is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["name"] = labelName };
        return new ApiRequest(pairs) { Route = route };
    }

    /// <summary>The <c>data</c> JSON of a result.</summary>
    public static string Data(ApiResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            result.Data(w);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Runs <paramref name="call"/> expecting an API error; returns it.</summary>
    public static ApiError Error(Func<ApiResult> call) => Assert.Throws<ApiError>(() => call());
}
