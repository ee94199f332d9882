using System.IO.Compression;
using System.Net;
using System.Text;

namespace Vigil.Scrape.Tests.Loop;

/// <summary>An HTTP handler standing in for an exporter: answers with a set body and records requests.</summary>
internal sealed class FakeExporter : HttpMessageHandler
{
    public string Body { get; set; } = "";

    public string ContentType { get; set; } = "text/plain; version=0.0.4";

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>When set, the body is sent gzip-compressed (so the scraper does not know its length up front).</summary>
    public bool Gzip { get; set; }

    /// <summary>When set, requests wait for cancellation (a target that never answers).</summary>
    public bool Hang { get; set; }

    /// <summary>When set, the response body instead of <see cref="Body"/> (e.g. gzip or protobuf bytes).</summary>
    public Func<HttpContent>? Content { get; set; }

    public List<HttpRequestMessage> Requests { get; } = [];

    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        FirstRequest.TrySetResult();
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        var content = Content?.Invoke() ?? new ByteArrayContent(Gzip ? Compress(Body) : Encoding.UTF8.GetBytes(Body));
        if (ContentType.Length > 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        if (Gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        return new HttpResponseMessage(Status) { Content = content };
    }

    private static byte[] Compress(string body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(body));
        }
        return buffer.ToArray();
    }
}
