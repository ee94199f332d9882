using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Model.Relabel;
using Vigil.PrometheusHost;
using Vigil.Scrape.Discovery.Kubernetes;

namespace Vigil.Api.Tests.Prometheus;

public sealed class AlertmanagerDiscoveryTests
{
    private static StaticTargetGroup Group(string address, params (string, string)[] labels) =>
        new([address], labels.ToDictionary(l => l.Item1, l => l.Item2));

    [Theory]
    [InlineData("", "/api/v2/alerts")]
    [InlineData("/am", "/am/api/v2/alerts")]
    [InlineData("am/", "/am/api/v2/alerts")]
    [InlineData("//a//b/", "/a/b/api/v2/alerts")]
    public void AlertsPath_Prefix_JoinedAndCleaned(string prefix, string expected) =>
        Assert.Equal(expected, AlertmanagerDiscovery.AlertsPath(prefix));

    [Fact]
    public void FromGroups_PodRelabelling_KeepsPortNamedWebAndRewritesAddress()
    {
        // The upstream idiom: keep the Alertmanager pods' "web" port only.
        var config = new AlertmanagerTargetConfig
        {
            PathPrefix = "/am",
            RelabelConfigs =
            [
                new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_container_port_name"], Regex = "web", Action = RelabelAction.Keep },
                new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_name"], TargetLabel = "__scheme__", Regex = "secure-.*", Replacement = "https" },
            ],
        };
        var groups = new[]
        {
            Group("10.0.0.1:9093", ("__meta_kubernetes_pod_container_port_name", "web"), ("__meta_kubernetes_pod_name", "am-0")),
            Group("10.0.0.1:9094", ("__meta_kubernetes_pod_container_port_name", "cluster"), ("__meta_kubernetes_pod_name", "am-0")),
            Group("10.0.0.2:9093", ("__meta_kubernetes_pod_container_port_name", "web"), ("__meta_kubernetes_pod_name", "secure-1")),
        };

        var found = AlertmanagerDiscovery.FromGroups(config, groups).Select(a => a.Url.ToString());

        Assert.Equal(["http://10.0.0.1:9093/am/api/v2/alerts", "https://10.0.0.2:9093/am/api/v2/alerts"], found);
    }

    [Fact]
    public void FromGroups_AlertsPathRelabelled_UsedInUrl()
    {
        var config = new AlertmanagerTargetConfig
        {
            RelabelConfigs = [new RelabelConfig { TargetLabel = "__alerts_path__", Replacement = "/custom/alerts" }],
        };

        var found = Assert.Single(AlertmanagerDiscovery.FromGroups(config, [Group("am:9093")]));

        Assert.Equal("http://am:9093/custom/alerts", found.Url.ToString());
    }

    [Fact]
    public void Discover_RelabelDrops_DroppedUrlFromLabelsBeforeRelabelling()
    {
        var config = new AlertmanagerTargetConfig
        {
            PathPrefix = "/am",
            RelabelConfigs =
            [
                new RelabelConfig { SourceLabels = ["__address__"], Regex = "drop-.*", Action = RelabelAction.Drop },
                new RelabelConfig { TargetLabel = "__alerts_path__", Replacement = "/relabelled" },
            ],
        };

        var (active, dropped) = AlertmanagerDiscovery.Discover(config, [Group("keep:9093"), Group("drop-me:9093")]);

        Assert.Equal(["http://keep:9093/relabelled"], active.Select(a => a.Url.ToString()));
        Assert.Equal(["http://drop-me:9093/am/api/v2/alerts"], dropped.Select(u => u.ToString()));
    }

    [Fact]
    public async Task Notifier_DroppedByRelabelling_ListedAsDropped()
    {
        await using var notifier = new AlertNotifier(10, new HttpClient(), new FakeTimeProvider(), NullLogger.Instance);
        var alerting = new AlertingConfig
        {
            Alertmanagers =
            [
                new AlertmanagerTargetConfig
                {
                    Discovery = new DiscoveryConfigs { Static = [new StaticTargetGroup(["am-1:9093", "am-2:9093"], new Dictionary<string, string>())] },
                    RelabelConfigs = [new RelabelConfig { SourceLabels = ["__address__"], Regex = "am-2.*", Action = RelabelAction.Drop }],
                },
            ],
        };

        await notifier.ApplyAsync(alerting, Model.Labels.LabelSet.Empty);

        Assert.Equal(["http://am-1:9093/api/v2/alerts"], notifier.Alertmanagers.Select(u => u.ToString()));
        Assert.Equal(["http://am-2:9093/api/v2/alerts"], notifier.DroppedAlertmanagers.Select(u => u.ToString()));
    }

    [Theory]
    [InlineData("", "", """{"activeAlertmanagers":[],"droppedAlertmanagers":[]}""")]
    [InlineData("http://a:9093/api/v2/alerts", "", """{"activeAlertmanagers":[{"url":"http://a:9093/api/v2/alerts"}],"droppedAlertmanagers":[]}""")]
    [InlineData("http://a:9093/api/v2/alerts https://b:9093/am/api/v2/alerts", "http://c:1/api/v2/alerts",
        """{"activeAlertmanagers":[{"url":"http://a:9093/api/v2/alerts"},{"url":"https://b:9093/am/api/v2/alerts"}],"droppedAlertmanagers":[{"url":"http://c:1/api/v2/alerts"}]}""")]
    public void Alertmanagers_ActiveAndDropped_UpstreamShape(string active, string dropped, string expected)
    {
        static List<Uri> Urls(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u))];

        Assert.Equal(expected, ApiTestKit.Data(AlertmanagersApi.Alertmanagers(Urls(active), Urls(dropped))));
    }

    [Fact]
    public async Task ApplyAsync_StaticAndFileTargets_PublishedTogether()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-am-sd-").FullName;
        try
        {
            var file = Path.Combine(dir, "am.json");
            await File.WriteAllTextAsync(file, """[{"targets":["file-am:9093"]}]""");
            var published = new List<IReadOnlyList<DiscoveredAlertmanager>>();
            await using var discovery = new AlertmanagerDiscovery(new FakeTimeProvider(), NullLogger.Instance, KubeEnvironment.Process, published.Add);
            var alerting = new AlertingConfig
            {
                Alertmanagers =
                [
                    new AlertmanagerTargetConfig
                    {
                        Discovery = new DiscoveryConfigs
                        {
                            Static = [Group("static-am:9093")],
                            Files = [new FileSdConfig([file], TimeSpan.FromMinutes(5))],
                        },
                    },
                ],
            };

            await discovery.ApplyAsync(alerting);

            Assert.Equal(["http://static-am:9093/api/v2/alerts", "http://file-am:9093/api/v2/alerts"], published[^1].Select(a => a.Url.ToString()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Notifier_KubernetesPods_AlertmanagersFollowPodsWithRelabelling()
    {
        await using var api = new Vigil.Scrape.Tests.Discovery.Kubernetes.FakeKubeApi();
        api.Put("pods", AlertmanagerPod("am-0", "10.0.0.1"));
        var time = new FakeTimeProvider();
        await using var notifier = new AlertNotifier(10, new HttpClient(), time, NullLogger.Instance);
        var alerting = new AlertingConfig
        {
            Alertmanagers =
            [
                new AlertmanagerTargetConfig
                {
                    Discovery = new DiscoveryConfigs { Kubernetes = [new KubernetesSdConfig { Role = "pod", ApiServer = api.Url.ToString(), Namespaces = ["monitoring"] }] },
                    RelabelConfigs = [new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_container_port_name"], Regex = "web", Action = RelabelAction.Keep }],
                },
            ],
        };

        await notifier.ApplyAsync(alerting, Model.Labels.LabelSet.Empty);
        await Until(() => Advance(time) && notifier.Alertmanagers.Count == 1);
        Assert.Equal("http://10.0.0.1:9093/api/v2/alerts", notifier.Alertmanagers[0].ToString());

        api.Put("pods", AlertmanagerPod("am-1", "10.0.0.2"));
        await Until(() => Advance(time) && notifier.Alertmanagers.Count == 2);
        api.Delete("pods", "monitoring", "am-0");
        await Until(() => Advance(time) && notifier.Alertmanagers is [var only] && only.Host == "10.0.0.2");
    }

    private static string AlertmanagerPod(string name, string ip) => $$$"""
        {"metadata":{"name":"{{{name}}}","namespace":"monitoring"},
         "spec":{"containers":[{"name":"alertmanager","image":"am","ports":[{"name":"web","containerPort":9093},{"name":"cluster","containerPort":9094}]}]},
         "status":{"phase":"Running","podIP":"{{{ip}}}"}}
        """;

    /// <summary>Discovered changes are gathered for a few seconds on the fake clock before they are published.</summary>
    private static bool Advance(FakeTimeProvider time)
    {
        time.Advance(Scrape.ScrapeManager.DiscoveryUpdateDelay);
        return true;
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }
}
