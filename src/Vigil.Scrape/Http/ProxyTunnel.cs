using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>
/// Opens the tunnel to an https target through an http proxy itself, so that <c>proxy_connect_header</c> goes out
/// with the CONNECT request: <see cref="SocketsHttpHandler"/> writes its own CONNECT and has no hook for extra
/// headers. The handler is given <see cref="HttpOnly"/> as its proxy (http requests still go to the proxy in absolute
/// form, where Go sends no connect headers either) and <see cref="ConnectAsync"/> as its connect callback, which
/// tunnels the https connections the real proxy settings (and no_proxy) send to a proxy.
/// </summary>
internal sealed class ProxyTunnel(ConfiguredProxy proxy, IReadOnlyList<ProxyConnectHeader> headers)
{
    /// <summary>The most a proxy's answer to CONNECT may hold before the blank line.</summary>
    private const int MaxAnswerBytes = 16 * 1024;

    /// <summary>The proxy as the handler sees it: used for http requests only.</summary>
    public IWebProxy HttpOnly { get; } = new HttpOnlyProxy(proxy);

    /// <summary>The handler's connect callback: a tunnel for proxied https destinations, a plain connection otherwise.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        var target = context.DnsEndPoint;
        var via = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps
            ? proxy.GetProxy(new UriBuilder(Uri.UriSchemeHttps, target.Host, target.Port).Uri)
            : null;
        var stream = await OpenAsync(via is null ? target : new DnsEndPoint(via.IdnHost, via.Port), cancel).ConfigureAwait(false);
        if (via is null)
        {
            return stream;
        }
        try
        {
            await HandshakeAsync(stream, target, via, cancel).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The CONNECT request: Host, the proxy URL's credentials, then every configured value on its own line.</summary>
    internal string ConnectRequest(DnsEndPoint target, Uri via)
    {
        var host = target.Host.Contains(':', StringComparison.Ordinal) ? $"[{target.Host}]" : target.Host;
        var authority = $"{host}:{target.Port}";
        var sb = new StringBuilder($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
        if (via.UserInfo.Length > 0)
        {
            var parts = via.UserInfo.Split(':', 2);
            var pair = Uri.UnescapeDataString(parts[0]) + ":" + (parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
            sb.Append("Proxy-Authorization: Basic ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(pair))).Append("\r\n");
        }
        foreach (var header in headers)
        {
            foreach (var value in header.Values)
            {
                sb.Append(header.Name).Append(": ").Append(value.Reveal()).Append("\r\n");
            }
        }
        return sb.Append("\r\n").ToString();
    }

    private async Task HandshakeAsync(Stream stream, DnsEndPoint target, Uri via, CancellationToken cancel)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(ConnectRequest(target, via)), cancel).ConfigureAwait(false);
        var statusLine = await ReadAnswerAsync(stream, cancel).ConfigureAwait(false);
        // "HTTP/1.1 200 Connection established": only 200 opens the tunnel; otherwise Go reports the status text.
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || parts[1] != "200")
        {
            throw new HttpRequestException(parts.Length == 3 ? parts[2] : "unknown status code");
        }
    }

    /// <summary>Reads the proxy's answer up to its blank line (byte by byte: the target's bytes follow it); returns the status line.</summary>
    private static async Task<string> ReadAnswerAsync(Stream stream, CancellationToken cancel)
    {
        var answer = new List<byte>();
        var one = new byte[1];
        while (answer.Count < MaxAnswerBytes)
        {
            if (await stream.ReadAsync(one, cancel).ConfigureAwait(false) == 0)
            {
                throw new HttpRequestException("proxy closed the connection before answering CONNECT");
            }
            answer.Add(one[0]);
            if (answer.Count >= 4 && answer[^1] == '\n' && answer[^2] == '\r' && answer[^3] == '\n' && answer[^4] == '\r')
            {
                var text = Encoding.ASCII.GetString([.. answer]);
                return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
            }
        }
        throw new HttpRequestException("proxy answer to CONNECT too long");
    }

    private static async Task<Stream> OpenAsync(DnsEndPoint endpoint, CancellationToken cancel)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancel).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The configured proxy for http destinations; https destinations connect "directly" (through the tunnel).</summary>
    private sealed class HttpOnlyProxy(ConfiguredProxy inner) : IWebProxy
    {
        public ICredentials? Credentials
        {
            get => inner.Credentials;
            set => inner.Credentials = value;
        }

        public Uri? GetProxy(Uri destination) => destination.Scheme == Uri.UriSchemeHttps ? null : inner.GetProxy(destination);

        public bool IsBypassed(Uri host) => host.Scheme == Uri.UriSchemeHttps || inner.IsBypassed(host);
    }
}
