using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Config;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Http;

namespace Vigil.Scrape.Tests.Http;

public sealed class ProxyTunnelTests : IDisposable
{
    private readonly TestCertificates _certs = new();

    public void Dispose() => _certs.Dispose();

    private static HttpClientSettings Settings(string proxyUrl) => new()
    {
        ProxyUrl = proxyUrl,
        ProxyConnectHeaders = [new ProxyConnectHeader("X-Tenant", [new Secret("t-1"), new Secret("t-2")]), new ProxyConnectHeader("X-Key", [new Secret("hunter2")])],
    };

    [Fact]
    public async Task Create_HttpsTargetWithConnectHeaders_TunnelCarriesHeadersAndRequestSucceeds()
    {
        await using var target = new LocalServer(_ => new Reply(200, "up 1\n"), _certs.Server);
        await using var proxy = new ConnectProxy(answer: 200, forwardToPort: target.Port);
        var settings = Settings($"http://user:p%40ss@127.0.0.1:{proxy.Port}") with { TlsCa = _certs.Ca.ExportCertificatePem(), TlsServerName = "vigil.test" };
        using var client = HttpClientFactory.Create(settings);

        using var response = await client.GetAsync($"https://127.0.0.1:{target.Port}/metrics");

        Assert.Equal("up 1\n", await response.Content.ReadAsStringAsync());
        var connect = Assert.Single(proxy.Received);
        Assert.StartsWith($"CONNECT 127.0.0.1:{target.Port} HTTP/1.1\r\nHost: 127.0.0.1:{target.Port}\r\n", connect, StringComparison.Ordinal);
        Assert.Contains("X-Tenant: t-1\r\nX-Tenant: t-2\r\nX-Key: hunter2\r\n", connect, StringComparison.Ordinal);
        Assert.Contains("Proxy-Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:p@ss")) + "\r\n", connect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ProxyRefusesConnect_FailsWithStatusTextAndNoSecret()
    {
        await using var proxy = new ConnectProxy(answer: 403, forwardToPort: 0);
        using var client = HttpClientFactory.Create(Settings($"http://127.0.0.1:{proxy.Port}"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://target.invalid:9100/metrics"));

        var text = error.ToString();
        Assert.Contains("Forbidden", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_HttpTargetWithConnectHeaders_AbsoluteUrlToProxyWithoutThem()
    {
        await using var proxy = new LocalServer(_ => new Reply(200, "via proxy"));

        using var client = HttpClientFactory.Create(Settings(proxy.Url("")));
        using var response = await client.GetAsync("http://target.invalid:9100/metrics");

        Assert.Equal("via proxy", await response.Content.ReadAsStringAsync());
        var request = Assert.Single(proxy.Requests);
        Assert.Equal("http://target.invalid:9100/metrics", request.Target);
        Assert.Null(request.Header("X-Tenant"));
    }

    /// <summary>An http proxy that records each CONNECT, answers it, and on 200 relays bytes to a local port.</summary>
    private sealed class ConnectProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public ConnectProxy(int answer, int forwardToPort)
        {
            _listener.Start();
            _accepting = AcceptAsync(answer, forwardToPort);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public List<string> Received { get; } = [];

        private async Task AcceptAsync(int answer, int forwardToPort)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var request = new StringBuilder();
                var one = new byte[1];
                while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token) == 1)
                {
                    request.Append((char)one[0]);
                }
                lock (Received)
                {
                    Received.Add(request.ToString());
                }
                var reason = answer == 200 ? "Connection established" : "Forbidden";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {answer} {reason}\r\n\r\n"), _stop.Token);
                if (answer != 200)
                {
                    return;
                }
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, forwardToPort, _stop.Token);
                var other = upstream.GetStream();
                await Task.WhenAny(stream.CopyToAsync(other, _stop.Token), other.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The test is over or a side hung up.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
