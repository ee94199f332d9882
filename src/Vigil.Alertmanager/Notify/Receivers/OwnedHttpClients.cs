using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// Hands out clients from another provider and keeps every one, so the config generation that built
/// them can dispose them (and their connection pools) when a reload retires it; without this each
/// reload would leave the previous generation's sockets open until the process exits.
/// </summary>
public sealed class OwnedHttpClients : IHttpClientProvider, IDisposable
{
    private readonly IHttpClientProvider _inner;
    private readonly List<HttpClient> _clients = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Creates an owner of the clients <paramref name="inner"/> builds.</summary>
    public OwnedHttpClients(IHttpClientProvider inner) => _inner = inner;

    /// <summary>How many clients are held (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <inheritdoc />
    public HttpClient Get(HttpClientConfig config, string integration)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }
        var client = _inner.Get(config, integration);
        lock (_gate)
        {
            if (!_disposed)
            {
                _clients.Add(client);
                return client;
            }
        }
        client.Dispose();
        throw new ObjectDisposedException(nameof(OwnedHttpClients));
    }

    /// <summary>Disposes every client handed out; call only once nothing can send through them any more.</summary>
    public void Dispose()
    {
        HttpClient[] clients;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            clients = [.. _clients];
            _clients.Clear();
        }
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
