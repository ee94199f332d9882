namespace Vigil.Api.Hosting;

/// <summary>
/// The external URL and route prefix, derived as Alertmanager derives them: the external URL
/// defaults to <c>http://hostname:port/</c>; the prefix defaults to the external URL's path.
/// </summary>
public static class RoutePrefix
{
    /// <summary>Resolves the external URL; throws <see cref="FormatException"/> for a non-http(s) URL.</summary>
    public static Uri ExternalUrl(string flag, string hostname, int port)
    {
        var text = flag.Length > 0 ? flag : $"http://{hostname}:{port}/";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new FormatException($"--web.external-url {Vigil.Model.GoString.Quote(text)}: not an absolute URL (expected e.g. http://alertmanager.example.com:9093/)");
        }
        if (uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"{Vigil.Model.GoString.Quote(text)}: invalid {Vigil.Model.GoString.Quote(uri.Scheme)} scheme, only 'http' and 'https' are supported");
        }
        return uri;
    }

    /// <summary>The normalised prefix: <c>/</c> or <c>/path</c> without a trailing slash.</summary>
    public static string Resolve(string flag, Uri externalUrl)
    {
        var prefix = flag.Length > 0 ? flag : externalUrl.AbsolutePath;
        return "/" + prefix.Trim('/');
    }
}
