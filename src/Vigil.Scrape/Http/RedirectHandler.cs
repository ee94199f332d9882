using System.Net;

namespace Vigil.Scrape.Http;

/// <summary>
/// Follows redirects as Go's HTTP client does, which Prometheus users rely on: at most 10, then the error
/// <c>stopped after 10 redirects</c> (SocketsHttpHandler would hand back the last 3xx instead); 301/302/303
/// turn a POST into a GET, 307/308 repeat the method and body; https to http is followed too. Each hop
/// passes through the inner handlers again, so credentials are added per hop, and marked when the hop left
/// the original host (or its subdomains) so that <see cref="AuthenticationHandler"/> adds none.
/// </summary>
internal sealed class RedirectHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>Go's limit.</summary>
    public const int MaxRedirects = 10;

    private static readonly HttpRequestOptionsKey<bool> CrossHostKey = new("Vigil.Http.CrossHostRedirect");

    /// <summary>Whether this request is a redirect hop that went to another host at some point.</summary>
    public static bool IsCrossHost(HttpRequestMessage request) => request.Options.TryGetValue(CrossHostKey, out var crossed) && crossed;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var originalHost = request.RequestUri!.IdnHost;
        var crossed = false;
        var current = request;
        for (var hops = 0; ; hops++)
        {
            var response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }
            if (hops == MaxRedirects)
            {
                response.Dispose();
                throw new HttpRequestException($"stopped after {MaxRedirects} redirects");
            }
            var next = new Uri(current.RequestUri!, location);
            crossed |= !IsDomainOrSubdomain(next.IdnHost, originalHost);
            var following = Follow(current, response.StatusCode, next, crossed);
            response.Dispose();
            current = following;
        }
    }

    private static bool IsRedirect(HttpStatusCode code) => code is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static HttpRequestMessage Follow(HttpRequestMessage previous, HttpStatusCode code, Uri next, bool crossed)
    {
        var keepMethod = code is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
            || previous.Method == HttpMethod.Get || previous.Method == HttpMethod.Head;
        var request = new HttpRequestMessage(keepMethod ? previous.Method : HttpMethod.Get, next)
        {
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,
            Content = keepMethod ? previous.Content : null,
        };
        foreach (var header in previous.Headers)
        {
            // Credentials set by the caller do not follow to another host (Go drops them too).
            if (crossed && header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        request.Headers.Host = null;
        foreach (var option in previous.Options)
        {
            ((IDictionary<string, object?>)request.Options)[option.Key] = option.Value;
        }
        request.Options.Set(CrossHostKey, crossed);
        return request;
    }

    private static bool IsDomainOrSubdomain(string host, string parent) =>
        host.Equals(parent, StringComparison.OrdinalIgnoreCase)
        || (!IPAddress.TryParse(parent.Trim('[', ']'), out _) && host.EndsWith("." + parent, StringComparison.OrdinalIgnoreCase));
}
