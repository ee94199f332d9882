using System.Net.Http.Headers;
using System.Text;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>
/// Sets the Authorization header of each request from basic_auth, authorization (or bearer_token) or
/// oauth2, reading *_file secrets anew every time. A header the caller set itself is left alone, and no
/// credentials go to a host a redirect led to (upstream's rule against leaking them to another site).
/// </summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly Func<CancellationToken, ValueTask<AuthenticationHeaderValue>> _header;

    private AuthenticationHandler(Func<CancellationToken, ValueTask<AuthenticationHeaderValue>> header, HttpMessageHandler inner)
        : base(inner)
    {
        _header = header;
    }

    /// <summary>Wraps <paramref name="inner"/> when <paramref name="settings"/> configure any credentials.</summary>
    public static HttpMessageHandler Wrap(HttpClientSettings settings, HttpMessageHandler inner, OAuth2TokenSource? oauth2)
    {
        if (oauth2 is not null)
        {
            return new AuthenticationHandler(oauth2.HeaderAsync, inner);
        }
        var password = SecretSource.From(settings.BasicAuthPassword, settings.BasicAuthPasswordFile);
        var username = SecretSource.From(settings.BasicAuthUsername, settings.BasicAuthUsernameFile);
        if (username is not null || password is not null)
        {
            return new AuthenticationHandler(_ => ValueTask.FromResult(Basic(username, password)), inner);
        }
        var credentials = SecretSource.From(settings.AuthorizationCredentials, settings.AuthorizationCredentialsFile);
        if (settings.AuthorizationType.Length > 0)
        {
            var scheme = settings.AuthorizationType;
            return new AuthenticationHandler(_ => ValueTask.FromResult(new AuthenticationHeaderValue(scheme, credentials?.Read("authorization credentials") ?? "")), inner);
        }
        return inner;
    }

    private static AuthenticationHeaderValue Basic(SecretSource? username, SecretSource? password)
    {
        var pair = (username?.Read("basic auth username") ?? "") + ":" + (password?.Read("basic auth password") ?? "");
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && !RedirectHandler.IsCrossHost(request))
        {
            request.Headers.Authorization = await _header(cancellationToken).ConfigureAwait(false);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
