using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// One <c>kubernetes_sd_configs</c> entry at work: watches the resources its role needs in its namespaces
/// and turns the current objects into target groups on demand. <see cref="Changed"/> fires whenever an
/// object came, changed or went (callers debounce it).
/// </summary>
public sealed class KubernetesDiscovery : IAsyncDisposable
{
    private readonly KubernetesSdConfig _config;
    private readonly KubeEnvironment _env;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly WatchContext _context;
    private volatile IReadOnlyList<ResourceWatcher> _watchers = [];
    private Task _run = Task.CompletedTask;

    /// <summary>Creates the discovery; nothing is contacted before <see cref="Start"/>.</summary>
    public KubernetesDiscovery(KubernetesSdConfig config, KubeEnvironment env, TimeProvider time, ILogger logger)
    {
        _config = config;
        _env = env;
        _time = time;
        _logger = logger;
        _context = new WatchContext(config.Role, logger, time, () => Changed?.Invoke());
    }

    /// <summary>Raised (on a background thread) when the discovered objects changed.</summary>
    public event Action? Changed;

    /// <summary>Starts resolving the connection and watching.</summary>
    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>The targets of the objects known now, one group per target.</summary>
    public IReadOnlyList<StaticTargetGroup> Groups()
    {
        var watchers = _watchers;
        var lookup = new StoreLookup(watchers, _config);
        var primary = RolePlan.Primary(_config.Role);
        return [.. watchers.Where(w => w.Kind == primary).SelectMany(w => w.Store.All())
            .Select(obj => Build(obj, lookup)).OfType<KubeTargetGroup>().SelectMany(g => g.ToStaticGroups())];
    }

    private KubeTargetGroup? Build(JsonElement obj, IKubeLookup lookup) => _config.Role switch
    {
        "node" => NodeRole.Build(obj),
        "pod" => PodRole.Build(obj, lookup),
        "service" => ServiceRole.Build(obj, lookup),
        "endpoints" => EndpointsRole.Build(obj, lookup),
        "endpointslice" => EndpointSliceRole.Build(obj, lookup),
        "ingress" => IngressRole.Build(obj, lookup),
        _ => null,
    };

    private async Task RunAsync(CancellationToken stop)
    {
        var connection = await ConnectAsync(stop).ConfigureAwait(false);
        if (connection is null)
        {
            return;
        }
        KubeLog.Write(_logger, LogLevel.Information, "Using Kubernetes API server", ("role", _config.Role), ("via", connection.Origin));
        var http = new HttpClient(_env.CreateHandler(connection)) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new KubeApiClient(http, connection);
        var watchers = RolePlan.Watchers(_config, connection.OwnNamespace, () => client, _context);
        _watchers = watchers;
        try
        {
            await Task.WhenAll(watchers.Select(w => w.RunAsync(stop))).ConfigureAwait(false);
        }
        finally
        {
            http.Dispose();
        }
    }

    private async Task<KubeConnection?> ConnectAsync(CancellationToken stop)
    {
        var backoff = ResourceWatcher.MinBackoff;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                return KubeConnections.Resolve(_config, _env, _time);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException or UriFormatException or System.Security.Cryptography.CryptographicException)
            {
                KubeLog.Write(_logger, LogLevel.Error, "Cannot set up Kubernetes API connection", ("role", _config.Role), ("err", e.Message));
            }
            if (!await _context.DelayAsync(backoff, stop).ConfigureAwait(false))
            {
                break;
            }
            backoff = backoff * 2 > ResourceWatcher.MaxBackoff ? ResourceWatcher.MaxBackoff : backoff * 2;
        }
        return null;
    }

    /// <summary>Stops watching.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }
        _stop.Dispose();
    }

    private sealed class StoreLookup(IReadOnlyList<ResourceWatcher> watchers, KubernetesSdConfig config) : IKubeLookup
    {
        public bool WithNodes => config.AttachNodeMetadata && config.Role is "pod" or "endpoints" or "endpointslice";

        public bool WithNamespaces => config.AttachNamespaceMetadata && config.Role != "node";

        public JsonElement? Find(KubeResource kind, string key)
        {
            foreach (var watcher in watchers)
            {
                if (watcher.Kind == kind && watcher.Store.Find(key) is { } found)
                {
                    return found;
                }
            }
            return null;
        }
    }
}
