using System.Globalization;
using System.Net;

namespace Vigil.Api.Hosting;

/// <summary>
/// A Go-style listen address (<c>:9093</c>, <c>127.0.0.1:9093</c>, <c>[::1]:9093</c>,
/// <c>localhost:9093</c>). An empty host means every interface, as in Go.
/// </summary>
public sealed record ListenAddress(string Host, int Port)
{
    /// <summary>Parses an address; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ListenAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            throw new FormatException($"address {text}: missing port in address (expected host:port, e.g. :9093)");
        }
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"address {text}: invalid port {Vigil.Model.GoString.Quote(text[(colon + 1)..])}");
        }
        return new ListenAddress(host, port);
    }

    /// <summary>The addresses to bind: all interfaces, loopback for localhost, or the resolved host.</summary>
    public IReadOnlyList<IPAddress> Resolve()
    {
        if (Host.Length == 0)
        {
            return [IPAddress.IPv6Any];
        }
        if (IPAddress.TryParse(Host, out var ip))
        {
            return [ip];
        }
        if (Host == "localhost")
        {
            return [IPAddress.Loopback];
        }
        return [Dns.GetHostAddresses(Host).First()];
    }
}
