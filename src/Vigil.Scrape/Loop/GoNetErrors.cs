using System.Net.Sockets;

namespace Vigil.Scrape.Loop;

/// <summary>
/// Words .NET's network errors as Go's, where the difference matters to someone searching for an error they
/// know from Prometheus (<c>connect: connection refused</c>, <c>unexpected EOF</c>, <c>no such host</c>).
/// </summary>
internal static class GoNetErrors
{
    public static string Describe(Exception e)
    {
        if (e is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
        {
            return "unexpected EOF";
        }
        return Socket(e) switch
        {
            { SocketErrorCode: SocketError.ConnectionRefused } => Dial(e, "connect: connection refused"),
            { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "dial tcp: lookup: no such host",
            { SocketErrorCode: SocketError.ConnectionReset } => "read: connection reset by peer",
            { SocketErrorCode: SocketError.NetworkUnreachable } => Dial(e, "connect: network is unreachable"),
            _ => e.Message,
        };
    }

    private static SocketException? Socket(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket;
            }
        }
        return null;
    }

    // .NET puts the endpoint in parentheses at the end of the message: "Connection refused (127.0.0.1:9100)".
    private static string Dial(Exception e, string what)
    {
        var message = e.Message;
        var open = message.LastIndexOf('(');
        var endpoint = open >= 0 && message.EndsWith(')') ? message[(open + 1)..^1] : "";
        return endpoint.Length > 0 ? $"dial tcp {endpoint}: {what}" : $"dial tcp: {what}";
    }
}
