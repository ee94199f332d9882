using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Discovery.Kubernetes;
using Vigil.Scrape.Tests.Loop;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeTestSupport;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class ScrapeManagerKubernetesTests : IAsyncLifetime
{
    private readonly FakeKubeApi _api = new();
    private readonly FakeTimeProvider _time = new(LoopFixture.Start);
    private readonly RecordingStorage _storage = new();
    private readonly CapturingLogger _log = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private ScrapeConfig Job(string name = "k8s") => LoopFixture.NewConfig(name) with
    {
        Discovery = new DiscoveryConfigs { Kubernetes = [new KubernetesSdConfig { Role = "pod", ApiServer = _api.Url.ToString() }] },
    };

    private static string[] Instances(ScrapeManager manager) => [.. manager.ActiveTargets().Select(t => t.Target.Labels.Get("instance")).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Apply_KubernetesJob_TargetsFollowWatchAfterUpdateDelay()
    {
        _api.Put("pods", Pod("a", "default", "10.0.0.1", 9100));
        await using var manager = new ScrapeManager(_storage.Appender, new HttpClient(new FakeExporter()), _time, KubeEnvironment.Process, _log);
        await manager.ApplyAsync([Job()]);
        await Until(() => _api.OpenWatches == 1, "the watch");

        await Until(() => Advance() && Instances(manager) is ["10.0.0.1:9100"], "the listed pod as a target");
        _api.Delete("pods", "default", "a");
        await Until(() => Advance() && Instances(manager).Length == 0, "the deleted pod's target gone");
    }

    [Fact]
    public async Task Apply_ReloadWithSameKubernetesEntry_KeepsTheWatch()
    {
        _api.Put("pods", Pod("a", "default", "10.0.0.1", 9100));
        await using var manager = new ScrapeManager(_storage.Appender, new HttpClient(new FakeExporter()), _time, KubeEnvironment.Process, _log);
        await manager.ApplyAsync([Job()]);
        await Until(() => _api.OpenWatches == 1, "the watch");

        await manager.ApplyAsync([Job()]);

        Assert.Equal(["10.0.0.1:9100"], Instances(manager));
        Assert.Equal(1, _api.Requests.Count(r => r == "GET /api/v1/pods"));
    }

    /// <summary>Discovered changes wait for the manager's update delay on the fake clock.</summary>
    private bool Advance()
    {
        _time.Advance(ScrapeManager.DiscoveryUpdateDelay);
        return true;
    }
}
