using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Config;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Http;

namespace Vigil.Scrape.Tests.Http;

public sealed class HttpClientFactoryTests : IDisposable
{
    private readonly TestCertificates _certs = new();

    public void Dispose() => _certs.Dispose();

    private static Reply Ok(ReceivedRequest _) => new(200, "up 1\n");

    private static async Task<HttpResponseMessage> GetAsync(HttpClientSettings settings, string url)
    {
        using var client = HttpClientFactory.Create(settings);
        return await client.GetAsync(url);
    }

    [Fact]
    public async Task Create_PasswordFileRotated_NextRequestUsesNewPassword()
    {
        await using var server = new LocalServer(Ok);
        var file = _certs.Write("password", "first\n");
        using var client = HttpClientFactory.Create(new HttpClientSettings { BasicAuthUsername = "vigil", BasicAuthPasswordFile = file });

        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();
        File.WriteAllText(file, "second");
        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();

        Assert.Equal([Basic("vigil:first"), Basic("vigil:second")], server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task Create_CredentialsFileRotated_NextRequestUsesNewToken()
    {
        await using var server = new LocalServer(Ok);
        var file = _certs.Write("token", "t1");
        using var client = HttpClientFactory.Create(new HttpClientSettings { AuthorizationType = "Bearer", AuthorizationCredentialsFile = file });

        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();
        File.WriteAllText(file, " t2 \n");
        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();

        Assert.Equal(["Bearer t1", "Bearer t2"], server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task Create_InlineCredentialsWithType_SendsThatScheme()
    {
        await using var server = new LocalServer(Ok);

        using var response = await GetAsync(new HttpClientSettings { AuthorizationType = "Token", AuthorizationCredentials = new Secret("abc") }, server.Url());

        Assert.Equal("Token abc", server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task Create_CredentialsFileMissing_FailsNamingFileNotSecret()
    {
        await using var server = new LocalServer(Ok);
        var missing = Path.Combine(_certs.Dir, "nope");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(new HttpClientSettings { AuthorizationType = "Bearer", AuthorizationCredentialsFile = missing }, server.Url()));

        Assert.Equal($"unable to read authorization credentials: unable to read file {missing}: open {missing}: no such file or directory", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_CaFileSignsServer_Connects()
    {
        await using var server = new LocalServer(Ok, _certs.Server);

        using var response = await GetAsync(new HttpClientSettings { TlsCaFile = _certs.CaFile, TlsServerName = "vigil.test" }, server.Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(server.Requests.Single().Protocol >= SslProtocols.Tls12);
    }

    [Theory]
    [InlineData("other CA", "vigil.test")]
    [InlineData("right CA, wrong name", "other.test")]
    [InlineData("right CA, IP not in certificate", "")]
    public async Task Create_ServerNotTrusted_Fails(string why, string serverName)
    {
        await using var server = new LocalServer(Ok, _certs.Server);
        var ca = why == "other CA" ? _certs.OtherCaFile : _certs.CaFile;

        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(new HttpClientSettings { TlsCaFile = ca, TlsServerName = serverName }, server.Url()));
    }

    [Fact]
    public async Task Create_InsecureSkipVerify_ConnectsToUntrustedServer()
    {
        await using var server = new LocalServer(Ok, _certs.Server);

        using var response = await GetAsync(new HttpClientSettings { TlsInsecureSkipVerify = true }, server.Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_InlineCa_Connects()
    {
        await using var server = new LocalServer(Ok, _certs.Server);

        using var response = await GetAsync(new HttpClientSettings { TlsCa = _certs.Ca.ExportCertificatePem(), TlsServerName = "vigil.test" }, server.Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_MinVersionAboveServer_Fails()
    {
        await using var server = new LocalServer(Ok, _certs.Server, protocols: SslProtocols.Tls12);

        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(new HttpClientSettings { TlsInsecureSkipVerify = true, TlsMinVersion = "TLS13" }, server.Url()));
    }

    [Fact]
    public async Task Create_ClientCertificateFilesRotated_ServerSeesNewCertificate()
    {
        await using var server = new LocalServer(Ok, _certs.Server, askClientCertificate: true);
        var settings = new HttpClientSettings { TlsCaFile = _certs.CaFile, TlsServerName = "vigil.test", TlsCertFile = _certs.ClientCertFile, TlsKeyFile = _certs.ClientKeyFile };
        using var client = HttpClientFactory.Create(settings);

        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();
        var renewed = _certs.Issue(_certs.Ca, "scraper-2", serverAuth: false);
        File.WriteAllText(_certs.ClientCertFile, renewed.ExportCertificatePem());
        File.WriteAllText(_certs.ClientKeyFile, renewed.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();

        Assert.Equal(["CN=scraper-1", "CN=scraper-2"], server.Requests.Select(r => r.ClientCertificate?.Subject));
    }

    [Fact]
    public async Task Create_CaFileWithoutCertificate_FailsNamingFile()
    {
        await using var server = new LocalServer(Ok, _certs.Server);
        var junk = _certs.Write("junk.pem", "not a certificate");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(new HttpClientSettings { TlsCaFile = junk }, server.Url()));

        Assert.Equal($"unable to use specified CA cert file {junk}", error.Message);
    }

    [Fact]
    public async Task Create_ProxyUrl_SendsAbsoluteUrlToProxy()
    {
        await using var proxy = new LocalServer(_ => new Reply(200, "via proxy"));

        using var response = await GetAsync(new HttpClientSettings { ProxyUrl = proxy.Url("") }, "http://target.invalid:9100/metrics");

        Assert.Equal("via proxy", await response.Content.ReadAsStringAsync());
        Assert.Equal("http://target.invalid:9100/metrics", proxy.Requests.Single().Target);
    }

    [Fact]
    public async Task Create_NoProxyMatchesTarget_GoesDirect()
    {
        await using var proxy = new LocalServer(_ => new Reply(200, "via proxy"));
        await using var target = new LocalServer(_ => new Reply(200, "direct"));

        using var response = await GetAsync(new HttpClientSettings { ProxyUrl = proxy.Url(""), NoProxy = "example.com,127.0.0.0/8" }, target.Url());

        Assert.Equal("direct", await response.Content.ReadAsStringAsync());
        Assert.Empty(proxy.Requests);
    }

    [Fact]
    public async Task Create_RedirectLoop_StopsAfterTenAsGoDoes()
    {
        LocalServer? server = null;
        server = new LocalServer(_ => new Reply(302, Headers: new Dictionary<string, string> { ["Location"] = server!.Url() }));
        await using var _ = server;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(new HttpClientSettings(), server.Url()));

        Assert.Equal("stopped after 10 redirects", error.Message);
        Assert.Equal(11, server.Requests.Count);
    }

    [Fact]
    public async Task Create_FollowRedirectsOff_ReturnsRedirect()
    {
        await using var server = new LocalServer(_ => new Reply(302, Headers: new Dictionary<string, string> { ["Location"] = "/elsewhere" }));

        using var response = await GetAsync(new HttpClientSettings { FollowRedirects = false }, server.Url());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Fact]
    public async Task Create_RedirectToOtherHost_DropsCredentials()
    {
        await using var other = new LocalServer(Ok);
        await using var first = new LocalServer(_ => new Reply(301, Headers: new Dictionary<string, string> { ["Location"] = other.Url().Replace("127.0.0.1", "localhost", StringComparison.Ordinal) }));

        using var response = await GetAsync(new HttpClientSettings { AuthorizationType = "Bearer", AuthorizationCredentials = new Secret("s3cret") }, first.Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer s3cret", first.Requests.Single().Header("Authorization"));
        Assert.Null(other.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task Create_OAuth2_FetchesTokenOnceAndSendsIt()
    {
        await using var tokens = new LocalServer(_ => new Reply(200, """{"access_token":"tok-1","token_type":"bearer","expires_in":3600}""",
            new Dictionary<string, string> { ["Content-Type"] = "application/json" }));
        await using var server = new LocalServer(Ok);
        var settings = new HttpClientSettings
        {
            OAuth2 = new OAuth2Settings { ClientId = "id", ClientSecret = new Secret("pw"), TokenUrl = tokens.Url("/token"), Scopes = ["a", "b"] },
        };
        using var client = HttpClientFactory.Create(settings);

        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();
        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();

        Assert.Equal(["Bearer tok-1", "Bearer tok-1"], server.Requests.Select(r => r.Header("Authorization")));
        var tokenRequest = Assert.Single(tokens.Requests);
        Assert.Equal(Basic("id:pw"), tokenRequest.Header("Authorization"));
        Assert.Equal("grant_type=client_credentials&scope=a+b", tokenRequest.Body);
    }

    [Fact]
    public async Task Create_HttpHeaders_SendsValuesSecretsAndFreshFileContent()
    {
        await using var server = new LocalServer(Ok);
        var file = _certs.Write("tenant", "t-1\n");
        var settings = new HttpClientSettings { Headers = [new HttpHeaderSetting("X-Scope", ["a"], [new Secret("b")], [file])] };
        using var client = HttpClientFactory.Create(settings);

        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();
        File.WriteAllText(file, "t-2");
        (await client.GetAsync(server.Url())).EnsureSuccessStatusCode();

        Assert.Equal(["a, b, t-1", "a, b, t-2"], server.Requests.Select(r => r.Header("X-Scope")));
    }

    private static string Basic(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));
}
