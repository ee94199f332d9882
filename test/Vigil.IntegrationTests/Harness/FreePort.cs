using System.Net;
using System.Net.Sockets;

namespace Vigil.IntegrationTests.Harness;

/// <summary>Hands out loopback ports that are free right now.</summary>
public static class FreePort
{
    /// <summary>Asks the kernel for an unused port. Another process could take it before we bind,
    /// which is rare enough on a test machine; the kernel does not hand the same one out twice in a row.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A <c>127.0.0.1:port</c> listen address on a free port.</summary>
    public static string NextAddress() => $"127.0.0.1:{Next()}";
}
