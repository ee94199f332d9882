using Microsoft.Extensions.Logging;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The running Kubernetes discoveries of a set of owners (scrape jobs, alertmanager entries). A reload keeps
/// a discovery whose entry did not change, so its watches and known targets carry over; changed or removed
/// entries are stopped. Every change of any discovery is reported through one callback.
/// </summary>
public sealed class KubernetesDiscoveryPool(KubeEnvironment env, TimeProvider time, ILogger logger, Action changed) : IAsyncDisposable
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private Dictionary<string, List<(KubernetesSdConfig Config, KubernetesDiscovery Discovery)>> _running = new(StringComparer.Ordinal);

    /// <summary>Makes the running discoveries match <paramref name="wanted"/> (owner to its entries).</summary>
    public async Task SyncAsync(IReadOnlyDictionary<string, IReadOnlyList<KubernetesSdConfig>> wanted)
    {
        await _sync.WaitAsync().ConfigureAwait(false);
        try
        {
            var unused = _running.Values.SelectMany(list => list).ToList();
            var next = new Dictionary<string, List<(KubernetesSdConfig, KubernetesDiscovery)>>(StringComparer.Ordinal);
            foreach (var (owner, configs) in wanted)
            {
                var list = new List<(KubernetesSdConfig, KubernetesDiscovery)>();
                foreach (var config in configs)
                {
                    var reuse = unused.FindIndex(r => SameConfig(r.Config, config));
                    if (reuse >= 0)
                    {
                        list.Add(unused[reuse]);
                        unused.RemoveAt(reuse);
                        continue;
                    }
                    var discovery = new KubernetesDiscovery(config, env, time, logger);
                    discovery.Changed += changed;
                    discovery.Start();
                    list.Add((config, discovery));
                }
                next[owner] = list;
            }
            _running = next;
            foreach (var (_, discovery) in unused)
            {
                discovery.Changed -= changed;
                await discovery.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>The target groups discovered now for <paramref name="owner"/>.</summary>
    public IReadOnlyList<StaticTargetGroup> Groups(string owner)
    {
        var running = _running;
        return running.TryGetValue(owner, out var list) ? [.. list.SelectMany(r => r.Discovery.Groups())] : [];
    }

    /// <summary>Stops every discovery.</summary>
    public async ValueTask DisposeAsync()
    {
        await SyncAsync(new Dictionary<string, IReadOnlyList<KubernetesSdConfig>>()).ConfigureAwait(false);
        _sync.Dispose();
    }

    /// <summary>Whether two entries would discover the same thing the same way.</summary>
    internal static bool SameConfig(KubernetesSdConfig a, KubernetesSdConfig b) =>
        a.Role == b.Role && a.ApiServer == b.ApiServer && a.KubeconfigFile == b.KubeconfigFile && a.OwnNamespace == b.OwnNamespace
        && a.AttachNodeMetadata == b.AttachNodeMetadata && a.AttachNamespaceMetadata == b.AttachNamespaceMetadata
        && a.Namespaces.SequenceEqual(b.Namespaces, StringComparer.Ordinal) && a.Selectors.SequenceEqual(b.Selectors)
        && System.Text.Json.JsonSerializer.Serialize(a.Http) == System.Text.Json.JsonSerializer.Serialize(b.Http);
}
