using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.PrometheusHost.RemoteWrite;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

public sealed class RemoteWriteClientTests
{
    [Theory]
    [InlineData("https://user:hunter2@remote.example/api/v1/write", "https://user:xxxxx@remote.example/api/v1/write")]
    [InlineData("https://remote.example/api/v1/write", "https://remote.example/api/v1/write")]
    [InlineData("https://user@remote.example/write", "https://user@remote.example/write")]
    public void RedactedUrl_PasswordInUserInfo_ShownAsGoDoes(string url, string expected)
    {
        var client = new RemoteWriteClient(new HttpClient(), new RemoteWriteConfig { Url = url }, new FakeTimeProvider());

        Assert.Equal(expected, client.RedactedUrl);
    }

    [Fact]
    public async Task SendAsync_EndpointUnreachable_RecoverableErrorWithoutThePassword()
    {
        var config = new RemoteWriteConfig { Url = "http://user:hunter2@127.0.0.1:1/api/v1/write" };
        var client = new RemoteWriteClient(new HttpClient(), config, TimeProvider.System);

        var outcome = await client.SendAsync([], 0, CancellationToken.None);

        Assert.False(outcome.Success);
        Assert.True(outcome.Recoverable);
        Assert.Contains("user:xxxxx@127.0.0.1:1", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", outcome.Error, StringComparison.Ordinal);
    }
}
