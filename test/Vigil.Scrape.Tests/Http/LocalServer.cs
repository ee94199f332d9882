using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Vigil.Scrape.Tests.Http;

/// <summary>One request as a <see cref="LocalServer"/> received it.</summary>
internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body, X509Certificate2? ClientCertificate, SslProtocols Protocol)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>The answer a <see cref="LocalServer"/> gives.</summary>
internal sealed record Reply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A tiny HTTP/1.1 server on a loopback port, optionally over TLS (with an optional client certificate
/// demand), answering each request through a delegate. It stands in for targets, proxies (which receive
/// absolute URLs) and token endpoints in tests, with one connection per request.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ReceivedRequest, Reply> _answer;
    private readonly X509Certificate2? _certificate;
    private readonly bool _askClientCertificate;
    private readonly SslProtocols _protocols;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LocalServer(Func<ReceivedRequest, Reply> answer, X509Certificate2? certificate = null, bool askClientCertificate = false, SslProtocols protocols = SslProtocols.None)
    {
        _answer = answer;
        _certificate = certificate;
        _askClientCertificate = askClientCertificate;
        _protocols = protocols;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public List<ReceivedRequest> Requests { get; } = [];

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url(string path = "/metrics") => $"{(_certificate is null ? "http" : "https")}://127.0.0.1:{Port}{path}";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                X509Certificate2? clientCertificate = null;
                var protocol = SslProtocols.None;
                if (_certificate is not null)
                {
                    var ssl = new SslStream(stream, false, (_, _, _, _) => true);
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ClientCertificateRequired = _askClientCertificate,
                        EnabledSslProtocols = _protocols,
                    }, _stop.Token);
                    clientCertificate = ssl.RemoteCertificate is { } remote ? new X509Certificate2(remote) : null;
                    protocol = ssl.SslProtocol;
                    stream = ssl;
                }
                var request = await ReadRequestAsync(stream, clientCertificate, protocol);
                lock (Requests)
                {
                    Requests.Add(request);
                }
                await WriteReplyAsync(stream, _answer(request));
            }
            catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException)
            {
                // The client gave up or refused our certificate: the test looks at what the client saw.
            }
        }
    }

    private static async Task<ReceivedRequest> ReadRequestAsync(Stream stream, X509Certificate2? certificate, SslProtocols protocol)
    {
        var head = new List<string>();
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                var text = line.ToString().TrimEnd('\r');
                line.Clear();
                if (text.Length == 0)
                {
                    break;
                }
                head.Add(text);
                continue;
            }
            line.Append((char)one[0]);
        }
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = new byte[headers.TryGetValue("content-length", out var length) ? int.Parse(length) : 0];
        await stream.ReadExactlyAsync(body);
        var start = head[0].Split(' ');
        return new ReceivedRequest(start[0], start[1], headers, Encoding.UTF8.GetString(body), certificate, protocol);
    }

    private static async Task WriteReplyAsync(Stream stream, Reply reply)
    {
        var body = Encoding.UTF8.GetBytes(reply.Body);
        var text = new StringBuilder($"HTTP/1.1 {reply.Status} {((HttpStatusCode)reply.Status)}\r\nConnection: close\r\nContent-Length: {body.Length}\r\n");
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        text.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
