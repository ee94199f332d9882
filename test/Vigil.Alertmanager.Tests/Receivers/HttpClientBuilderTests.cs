using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Notify.Webhook;

namespace Vigil.Alertmanager.Tests.Receivers;

public sealed class HttpClientBuilderTests
{
    [Fact]
    public async Task Tls_SelfSignedWithoutTrust_FailsWithCertificateReason()
    {
        using var endpoint = new TlsEndpoint();

        var answer = await Send(endpoint.Url, new TlsConfig());

        Assert.False(answer.Success);
        Assert.True(answer.Retry);
        Assert.Null(answer.StatusCode);
        Assert.Contains("SSL", answer.Answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Tls_CaFileTrustsTheServer_Succeeds()
    {
        using var endpoint = new TlsEndpoint();

        var answer = await Send(endpoint.Url, new TlsConfig { CaFile = endpoint.WriteCaFile() });

        Assert.True(answer.Success, answer.ToString());
    }

    [Fact]
    public async Task Tls_InsecureSkipVerify_Succeeds()
    {
        using var endpoint = new TlsEndpoint();

        var answer = await Send(endpoint.Url, new TlsConfig { InsecureSkipVerify = true });

        Assert.True(answer.Success, answer.ToString());
    }

    [Fact]
    public async Task Redirects_NotFollowed_WhenDisabled()
    {
        using var endpoint = new FakeEndpoint
        {
            Answer = new FakeAnswer(302, "", Headers: new Dictionary<string, string> { ["Location"] = "/elsewhere" }),
        };
        var config = new WebhookConfig { Url = new Secret(endpoint.Url("/hook")), HttpConfig = new HttpClientConfig { FollowRedirects = false } };

        var answer = await new WebhookNotifier(config, new LiteralRenderer(), HttpClientBuilder.Build(config.HttpConfig), "w", 0, TimeProvider.System)
            .SendAsync(Samples.Input(), CancellationToken.None);

        Assert.Equal(302, answer.StatusCode);
        Assert.False(answer.Success);
        Assert.Single(endpoint.Requests);
    }

    private static Task<DeliveryAnswer> Send(string url, TlsConfig tls)
    {
        var config = new WebhookConfig { Url = new Secret(url), HttpConfig = new HttpClientConfig { Tls = tls } };
        return new WebhookNotifier(config, new LiteralRenderer(), HttpClientBuilder.Build(config.HttpConfig), "w", 0, TimeProvider.System)
            .SendAsync(Samples.Input(), CancellationToken.None);
    }
}
