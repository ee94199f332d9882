using System.Net.Http.Headers;
using System.Text;
using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// Adds <c>basic_auth</c> or <c>authorization</c> from <c>http_config</c> to each request. Files
/// (<c>password_file</c>, <c>credentials_file</c>) are read per request, like upstream, so a rotated
/// secret takes effect without a reload. A request that already carries Authorization (Slack's
/// app token) keeps it.
/// </summary>
public sealed class AuthorizationHandler : DelegatingHandler
{
    private readonly HttpClientConfig _config;

    /// <summary>Creates the handler for <paramref name="config"/>.</summary>
    public AuthorizationHandler(HttpClientConfig config) => _config = config;

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            request.Headers.Authorization = Header();
        }
        return base.SendAsync(request, cancellationToken);
    }

    private AuthenticationHeaderValue? Header()
    {
        if (_config.Authorization is { } auth)
        {
            var credentials = Read(auth.Credentials, auth.CredentialsFile, "authorization.credentials_file");
            return new AuthenticationHeaderValue(auth.Type.Length > 0 ? auth.Type : "Bearer", credentials);
        }
        if (_config.BasicAuth is { } basic)
        {
            var password = Read(basic.Password, basic.PasswordFile, "basic_auth.password_file");
            var raw = Encoding.UTF8.GetBytes(basic.Username + ":" + password);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }
        return null;
    }

    /// <summary>The secret's value, or the trimmed content of its file.</summary>
    public static string Read(Secret? secret, string file, string field)
    {
        if (secret is { IsEmpty: false })
        {
            return secret.Reveal();
        }
        if (file.Length == 0)
        {
            return "";
        }
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // HttpRequestException, so the receiver reports it as a failed delivery naming the field.
            throw new HttpRequestException($"http_config.{field}: cannot read {file}: {ex.Message}", ex);
        }
    }
}
