using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>
/// The oauth2 client credentials grant: a token is fetched from token_url, kept until 10 seconds before it
/// expires (Go's margin), and fetched again when it runs out or the client secret file changes. Like Go's
/// client, the credentials go in a Basic header first and, if the server refuses that, in the form.
/// </summary>
internal sealed class OAuth2TokenSource(OAuth2Settings settings, HttpMessageInvoker tokenClient, TimeProvider time)
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SecretSource? _secret = SecretSource.From(settings.ClientSecret, settings.ClientSecretFile);
    private AuthenticationHeaderValue? _token;
    private DateTimeOffset _expires;
    private string _secretUsed = "";

    public async ValueTask<AuthenticationHeaderValue> HeaderAsync(CancellationToken cancel)
    {
        var secret = _secret?.Read("oauth2 client secret") ?? "";
        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (_token is null || secret != _secretUsed || time.GetUtcNow() >= _expires)
            {
                (_token, _expires) = await FetchAsync(secret, cancel).ConfigureAwait(false);
                _secretUsed = secret;
            }
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(AuthenticationHeaderValue Token, DateTimeOffset Expires)> FetchAsync(string secret, CancellationToken cancel)
    {
        using var header = await PostAsync(secret, inHeader: true, cancel).ConfigureAwait(false);
        if (header.IsSuccessStatusCode)
        {
            return await ReadTokenAsync(header, cancel).ConfigureAwait(false);
        }
        using var form = await PostAsync(secret, inHeader: false, cancel).ConfigureAwait(false);
        if (!form.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"oauth2: cannot fetch token: {(int)form.StatusCode} {form.ReasonPhrase}".TrimEnd());
        }
        return await ReadTokenAsync(form, cancel).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> PostAsync(string secret, bool inHeader, CancellationToken cancel)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (settings.Scopes.Count > 0)
        {
            fields.Add(new("scope", string.Join(' ', settings.Scopes)));
        }
        fields.AddRange(settings.EndpointParams.Where(p => p.Key is not ("grant_type" or "scope")));
        if (!inHeader)
        {
            fields.Add(new("client_id", settings.ClientId));
            fields.Add(new("client_secret", secret));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenUrl) { Content = new FormUrlEncodedContent(fields) };
        if (inHeader)
        {
            var pair = Uri.EscapeDataString(settings.ClientId) + ":" + Uri.EscapeDataString(secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        return await tokenClient.SendAsync(request, cancel).ConfigureAwait(false);
    }

    private async Task<(AuthenticationHeaderValue, DateTimeOffset)> ReadTokenAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false));
            var root = json.RootElement;
            var token = root.TryGetProperty("access_token", out var t) ? t.GetString() ?? "" : "";
            if (token.Length == 0)
            {
                throw new HttpRequestException("oauth2: server response missing access_token");
            }
            var type = root.TryGetProperty("token_type", out var tt) && tt.GetString() is { Length: > 0 } typed ? Canonical(typed) : "Bearer";
            var expires = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var seconds) && seconds > 0
                ? time.GetUtcNow() + TimeSpan.FromSeconds(seconds) - ExpiryMargin
                : DateTimeOffset.MaxValue;
            return (new AuthenticationHeaderValue(type, token), expires);
        }
        catch (JsonException)
        {
            throw new HttpRequestException("oauth2: cannot parse token response");
        }
    }

    // Go's oauth2 package writes "Bearer" whatever case the server used.
    private static string Canonical(string type) => type.Equals("bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer" : type;
}
