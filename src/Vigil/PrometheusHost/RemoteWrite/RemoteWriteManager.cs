using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Storage.Forwarding;

namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>
/// The <c>remote_write</c> side of <c>vigil prometheus</c>: receives every committed batch from storage and
/// hands it to one queue per configured endpoint. A reload replaces the queues; the old ones first send
/// what they hold (bounded by the flush deadline).
/// </summary>
public sealed class RemoteWriteManager : ICommitForwarder, IAsyncDisposable
{
    private readonly Func<HttpClientSettings, HttpClient> _clients;
    private readonly TimeSpan _flushDeadline;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private volatile RemoteWriteQueue[] _queues = [];

    /// <summary>Creates a manager with no endpoints; <paramref name="clients"/> builds the HTTP client of each endpoint's settings.</summary>
    public RemoteWriteManager(Func<HttpClientSettings, HttpClient> clients, TimeSpan flushDeadline, TimeProvider time, ILogger logger)
    {
        _clients = clients;
        _flushDeadline = flushDeadline;
        _time = time;
        _logger = logger;
    }

    /// <summary>The metrics of every endpoint.</summary>
    public RemoteWriteSendMetrics Metrics { get; } = new();

    /// <inheritdoc />
    public bool Active => _queues.Length > 0;

    /// <inheritdoc />
    public void Forward(List<ForwardedSample> committed)
    {
        foreach (var queue in _queues)
        {
            queue.Enqueue(committed);
        }
    }

    /// <summary>Replaces the endpoints with <paramref name="configs"/> (start and every reload).</summary>
    public async Task ApplyAsync(IReadOnlyList<RemoteWriteConfig> configs, LabelSet externalLabels)
    {
        await _applying.WaitAsync();
        try
        {
            var old = _queues;
            _queues = [.. configs.Select(c => Start(c, externalLabels))];
            await Task.WhenAll(old.Select(q => q.DisposeAsync().AsTask()));
        }
        finally
        {
            _applying.Release();
        }
    }

    private RemoteWriteQueue Start(RemoteWriteConfig config, LabelSet externalLabels)
    {
        var client = new RemoteWriteClient(_clients(config.Http), config, _time);
        var name = config.Name.Length > 0 ? config.Name : ShortHash(config.Url);
        var shards = (int)Math.Clamp(config.Queue.MinShards, 1, config.Queue.MaxShards);
        _logger.Info("Starting remote write queue", ("remote_name", name), ("url", client.RedactedUrl), ("shards", shards));
        return new RemoteWriteQueue(config, externalLabels, client, Metrics.For(name, client.RedactedUrl, shards), _flushDeadline, _time, _logger);
    }

    /// <summary>Upstream names an unnamed endpoint by a short hash of its config; Vigil hashes the URL.</summary>
    private static string ShortHash(string url) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url)))[..6];

    /// <summary>Flushes and stops every queue.</summary>
    public async ValueTask DisposeAsync()
    {
        await ApplyAsync([], LabelSet.Empty);
        Metrics.Dispose();
        _applying.Dispose();
    }
}
