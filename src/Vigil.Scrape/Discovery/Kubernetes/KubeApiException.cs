using System.Net;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>A failed API call: the HTTP status (or 0 for a broken stream or bad JSON) and the server's reason.</summary>
public sealed class KubeApiException(HttpStatusCode status, string message) : Exception(message)
{
    /// <summary>The status; 410 Gone means the resource version expired and the list must be fetched again.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>Whether the watch must restart from a new list.</summary>
    public bool IsGone => Status == HttpStatusCode.Gone;
}
