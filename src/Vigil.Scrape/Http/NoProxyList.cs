using System.Net;
using System.Net.Sockets;

namespace Vigil.Scrape.Http;

/// <summary>
/// A no_proxy list with Go's rules (golang.org/x/net/http/httpproxy): <c>*</c> bypasses everything; an IP
/// or CIDR matches addresses; <c>example.com</c> matches it and its subdomains, <c>.example.com</c> (or
/// <c>*.example.com</c>) only subdomains; an entry may carry a port. localhost and loopback addresses never
/// go through the proxy once such a list is in use.
/// </summary>
internal sealed class NoProxyList
{
    private readonly bool _all;
    private readonly List<(IPAddress Network, int Bits)> _networks = [];
    private readonly List<(string Domain, bool SubdomainsOnly, int Port)> _domains = [];

    private NoProxyList(bool all)
    {
        _all = all;
    }

    public static NoProxyList Parse(string text)
    {
        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var list = new NoProxyList(entries.Contains("*"));
        foreach (var raw in entries)
        {
            list.Add(raw.ToLowerInvariant());
        }
        return list;
    }

    private void Add(string entry)
    {
        if (entry.Contains('/') && IPNetwork.TryParse(entry, out var network))
        {
            _networks.Add((network.BaseAddress, network.PrefixLength));
            return;
        }
        if (IPAddress.TryParse(entry.Trim('[', ']'), out var ip))
        {
            _networks.Add((ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            return;
        }
        var port = 0;
        var colon = entry.LastIndexOf(':');
        if (colon > 0 && int.TryParse(entry.AsSpan(colon + 1), out var p))
        {
            port = p;
            entry = entry[..colon];
        }
        if (entry.StartsWith("*.", StringComparison.Ordinal))
        {
            entry = entry[1..];
        }
        _domains.Add((entry.TrimStart('.'), entry.StartsWith('.'), port));
    }

    public bool Bypasses(Uri destination)
    {
        var host = destination.IdnHost.Trim('[', ']').ToLowerInvariant();
        if (_all || host == "localhost")
        {
            return true;
        }
        if (IPAddress.TryParse(host, out var ip))
        {
            return IPAddress.IsLoopback(ip) || _networks.Any(n => new IPNetwork(n.Network, n.Bits).Contains(ip));
        }
        return _domains.Any(d => (d.Port == 0 || d.Port == destination.Port) && Matches(host, d.Domain, d.SubdomainsOnly));
    }

    private static bool Matches(string host, string domain, bool subdomainsOnly) =>
        host.EndsWith("." + domain, StringComparison.Ordinal) || (!subdomainsOnly && host == domain);
}
