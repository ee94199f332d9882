using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeTestSupport;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class KubernetesDiscoveryTests : IAsyncLifetime
{
    private readonly FakeKubeApi _api = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly CapturingLogger _log = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private KubernetesDiscovery Discovery(string role = "pod", IReadOnlyList<string>? namespaces = null, IReadOnlyList<(string, string, string)>? selectors = null) =>
        new(new KubernetesSdConfig { Role = role, ApiServer = _api.Url.ToString(), Namespaces = namespaces ?? [], Selectors = selectors ?? [] }, KubeEnvironment.Process, _time, _log);

    private static string[] Addresses(KubernetesDiscovery discovery) => [.. discovery.Groups().Select(g => g.Targets[0]).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Watch_AddedModifiedDeleted_GroupsFollow()
    {
        _api.Put("pods", Pod("a", "default", "10.0.0.1", 9100));
        await using var discovery = Discovery();
        var changes = 0;
        discovery.Changed += () => Interlocked.Increment(ref changes);
        discovery.Start();
        await Until(() => Addresses(discovery) is ["10.0.0.1:9100"], "the listed pod");
        await Until(() => _api.OpenWatches == 1, "the watch");

        _api.Put("pods", Pod("b", "default", "10.0.0.2", 9100));
        await Until(() => Addresses(discovery) is ["10.0.0.1:9100", "10.0.0.2:9100"], "the added pod");
        _api.Put("pods", Pod("a", "default", "10.0.0.1", 9200));
        await Until(() => Addresses(discovery) is ["10.0.0.1:9200", "10.0.0.2:9100"], "the modified pod");
        _api.Delete("pods", "default", "b");
        await Until(() => Addresses(discovery) is ["10.0.0.1:9200"], "the deleted pod gone");

        Assert.True(changes >= 4);
        Assert.Contains(_api.Requests, r => r.StartsWith("GET /api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_Gone_RelistsAtOnceAndKeepsTargets()
    {
        _api.Put("pods", Pod("a", "default", "10.0.0.1", 9100));
        await using var discovery = Discovery();
        discovery.Start();
        await Until(() => _api.OpenWatches == 1, "the watch");

        _api.ExpireWatches();
        _api.Put("pods", Pod("c", "default", "10.0.0.3", 9100));

        await Until(() => Addresses(discovery) is ["10.0.0.1:9100", "10.0.0.3:9100"], "the re-listed pods");
        Assert.Equal(2, _api.Requests.Count(r => r == "GET /api/v1/pods"));
        Assert.Contains(_log.Lines, l => l.Contains("Watch expired", StringComparison.Ordinal) && l.Contains("410", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_EndedCleanly_ResumesFromLastVersionWithoutRelisting()
    {
        _api.Put("pods", Pod("a", "default", "10.0.0.1", 9100));
        await using var discovery = Discovery();
        discovery.Start();
        await Until(() => _api.OpenWatches == 1, "the watch");

        _api.EndWatchesCleanly();
        await Until(() => _api.OpenWatches == 1 && _api.Requests.Count(r => r.Contains("watch=true", StringComparison.Ordinal)) == 2, "the second watch");
        _api.Put("pods", Pod("b", "default", "10.0.0.2", 9100));

        await Until(() => Addresses(discovery).Length == 2, "the pod added on the resumed watch");
        Assert.Equal(1, _api.Requests.Count(r => r == "GET /api/v1/pods"));
    }

    [Theory]
    [InlineData(403, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden: User \"system:serviceaccount:mon:vigil\" cannot list resource \"pods\"","reason":"Forbidden","code":403}""", "403 Forbidden: pods is forbidden")]
    [InlineData(500, "<html>oops</html>", "500 InternalServerError")]
    [InlineData(200, "{\"kind\":\"PodList\",\"items\":[{\"metadata\":", "from API server: ")]
    [InlineData(200, "[1,2,3]", "from API server: not a JSON object")]
    public async Task Relist_Fails_LogsRoleAndNamespaceKeepsLastTargetsAndRecovers(int status, string body, string expectedError)
    {
        _api.Put("pods", Pod("a", "monitoring", "10.0.0.1", 9100));
        await using var discovery = Discovery(namespaces: ["monitoring"]);
        discovery.Start();
        await Until(() => _api.OpenWatches == 1, "the watch");

        _api.Fault = (status, body);
        _api.BreakWatches();
        await Until(() => Tick() && _log.Lines.Any(l => l.Contains(expectedError, StringComparison.Ordinal)), "the logged error");

        var error = _log.Lines.First(l => l.Contains(expectedError, StringComparison.Ordinal));
        Assert.Contains("role=pod", error, StringComparison.Ordinal);
        Assert.Contains("namespace=monitoring", error, StringComparison.Ordinal);
        Assert.Equal(["10.0.0.1:9100"], Addresses(discovery));

        _api.Fault = null;
        _api.Put("pods", Pod("b", "monitoring", "10.0.0.2", 9100));
        await Until(() => Tick() && Addresses(discovery).Length == 2, "recovery after the backoff");
        Assert.Contains(_log.Lines, l => l.Contains("Failed to list or watch", StringComparison.Ordinal));
    }

    /// <summary>The watcher's retry waits on the fake clock: each poll moves it on by the shortest backoff.</summary>
    private bool Tick()
    {
        _time.Advance(ResourceWatcher.MinBackoff);
        return true;
    }

    [Fact]
    public async Task Start_ServerDown_LogsErrorAndHasNoTargets()
    {
        var down = _api.Url;
        await _api.DisposeAsync();
        await using var discovery = new KubernetesDiscovery(new KubernetesSdConfig { Role = "service", ApiServer = down.ToString() }, KubeEnvironment.Process, _time, _log);
        discovery.Start();

        await Until(() => _log.Lines.Any(l => l.Contains("Failed to list or watch", StringComparison.Ordinal)), "the logged error");

        Assert.Contains(_log.Lines, l => l.Contains("role=service", StringComparison.Ordinal) && l.Contains("namespace=(all)", StringComparison.Ordinal));
        Assert.Empty(discovery.Groups());
    }

    [Fact]
    public async Task Namespaces_Names_WatchesOnlyThoseWithSelectors()
    {
        _api.Put("pods", Pod("a", "a", "10.0.0.1", 9100));
        _api.Put("pods", Pod("b", "b", "10.0.0.2", 9100));
        _api.Put("pods", Pod("c", "c", "10.0.0.3", 9100));
        await using var discovery = Discovery(namespaces: ["a", "b"], selectors: [("pod", "app=web", "status.phase=Running")]);
        discovery.Start();

        await Until(() => Addresses(discovery).Length == 2, "pods of a and b");

        Assert.Equal(["10.0.0.1:9100", "10.0.0.2:9100"], Addresses(discovery));
        Assert.Contains("GET /api/v1/namespaces/a/pods?labelSelector=app%3Dweb&fieldSelector=status.phase%3DRunning", _api.Requests);
        Assert.Contains("GET /api/v1/namespaces/b/pods?labelSelector=app%3Dweb&fieldSelector=status.phase%3DRunning", _api.Requests);
    }

    [Fact]
    public async Task EndpointsRole_ServiceChanges_GroupLabelsFollow()
    {
        _api.Put("pods", Pod("p", "default", "10.0.0.1", 9100));
        _api.Put("services", Service("svc", "default", "one"));
        _api.Put("endpoints", Endpoints("svc", "default", "10.0.0.1", 9100, "p"));
        await using var discovery = Discovery(role: "endpoints");
        discovery.Start();
        await Until(() => discovery.Groups().Any(g => g.Labels.GetValueOrDefault("__meta_kubernetes_service_label_tier") == "one"), "the endpoints with service labels");
        Assert.Equal("p", discovery.Groups()[0].Labels["__meta_kubernetes_pod_name"]);

        _api.Put("services", Service("svc", "default", "two"));

        await Until(() => discovery.Groups().Any(g => g.Labels.GetValueOrDefault("__meta_kubernetes_service_label_tier") == "two"), "the new service label");
        Assert.Contains(_api.Requests, r => r == "GET /api/v1/endpoints");
        Assert.Contains(_api.Requests, r => r == "GET /api/v1/services");
    }
}
