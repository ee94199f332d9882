using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.IntegrationTests.HostileTargets;

/// <summary>
/// One web server whose paths misbehave each in its own way (huge line, invalid UTF-8, a gzip bomb, a request
/// it never answers, a redirect loop, ...), and one path that behaves, so a test can scrape them all in one job.
/// </summary>
public sealed class HostileTarget : IAsyncDisposable
{
    /// <summary>The body_size_limit the test's job sets: above the huge line, below the oversized bodies.</summary>
    public const int BodySizeLimit = 16 << 20;

    private readonly WebApplication _app;

    private HostileTarget(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Address { get; }

    /// <summary>Every path served, each a target of its own (the instance label is the path's name).</summary>
    public static IReadOnlyList<string> Paths { get; } =
    [
        "ok", "huge-line", "invalid-utf8", "duplicate", "nan-timestamp", "garbage-timestamp", "too-big",
        "never-answers", "gzip-bomb", "truncated-gzip", "status-500", "redirect-loop",
    ];

    public static async Task<HostileTarget> StartAsync(string address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://" + address);
        var app = builder.Build();
        var bomb = Gzip(new byte[256 << 20]);
        var whole = Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"truncated_{i} {i}\n"))));
        var tooBig = new byte[20 << 20];
        Array.Fill(tooBig, (byte)'\n');
        app.Run(context => Serve(context, bomb, whole[..(whole.Length / 2)], tooBig));
        await app.StartAsync();
        return new HostileTarget(app, address);
    }

    private static Task Serve(HttpContext context, byte[] bomb, byte[] truncated, byte[] tooBig)
    {
        var response = context.Response;
        var path = context.Request.Path.Value!.TrimStart('/');
        response.ContentType = "text/plain; version=0.0.4";
        return path switch
        {
            "ok" => Text(response, "# TYPE hostile_ok gauge\nhostile_ok 1\n"),
            // 8 MiB of name characters and no value: the error must quote only a bounded piece of it.
            "huge-line" => Text(response, new string('x', 8 << 20)),
            "invalid-utf8" => Bytes(response, [.. "m{l=\""u8, 0xff, 0xfe, .. "\"} 1\n"u8]),
            "duplicate" => Text(response, "dup 1\ndup 2\n"),
            "nan-timestamp" => Text(response, "m 1 NaN\n"),
            "garbage-timestamp" => Text(response, "m 1 12abc\n"),
            "too-big" => Bytes(response, tooBig),
            "never-answers" => Task.Delay(Timeout.Infinite, context.RequestAborted),
            "gzip-bomb" => Gzipped(response, bomb),
            "truncated-gzip" => Gzipped(response, truncated),
            "status-500" => Status(response, 500),
            "redirect-loop" => Redirect(response, "/redirect-loop"),
            _ => Status(response, 404),
        };
    }

    private static Task Text(HttpResponse response, string body) => Bytes(response, Encoding.UTF8.GetBytes(body));

    private static Task Bytes(HttpResponse response, byte[] body)
    {
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    private static Task Gzipped(HttpResponse response, byte[] body)
    {
        response.Headers.ContentEncoding = "gzip";
        return Bytes(response, body);
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(HttpResponse response, string location)
    {
        response.StatusCode = 302;
        response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
