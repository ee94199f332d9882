using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>Adds the <c>http_headers</c> of the config to every request; header files are read each time, like other secrets.</summary>
internal sealed class HeadersHandler(IReadOnlyList<HttpHeaderSetting> headers, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static HttpMessageHandler Wrap(IReadOnlyList<HttpHeaderSetting> headers, HttpMessageHandler inner) =>
        headers.Count == 0 ? inner : new HeadersHandler(headers, inner);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var header in headers)
        {
            var values = header.Values.Concat(header.Secrets.Select(s => s.Reveal()))
                .Concat(header.Files.Select(f => FileText.ReadHeaderFile(f).Trim()));
            foreach (var value in values)
            {
                request.Headers.TryAddWithoutValidation(header.Name, value);
            }
        }
        return base.SendAsync(request, cancellationToken);
    }
}
