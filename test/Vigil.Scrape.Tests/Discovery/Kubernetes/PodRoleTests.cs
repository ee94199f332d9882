using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeFixtures;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class PodRoleTests
{
    [Fact]
    public void Build_ContainerPort_CarriesEveryUpstreamLabel()
    {
        var group = PodRole.Build(Item("pods.json", "web-0"), EmptyLookup.Instance);

        var http = TargetsOf(group).Single(t => t["__address__"] == "10.0.0.5:8080");

        var expected = new Dictionary<string, string>
        {
            ["__address__"] = "10.0.0.5:8080",
            ["__meta_kubernetes_namespace"] = "default",
            ["__meta_kubernetes_pod_name"] = "web-0",
            ["__meta_kubernetes_pod_ip"] = "10.0.0.5",
            ["__meta_kubernetes_pod_ready"] = "true",
            ["__meta_kubernetes_pod_phase"] = "Running",
            ["__meta_kubernetes_pod_node_name"] = "node-1",
            ["__meta_kubernetes_pod_host_ip"] = "192.168.1.10",
            ["__meta_kubernetes_pod_uid"] = "7d3c1a9e-0000-4000-8000-000000000001",
            ["__meta_kubernetes_pod_label_app"] = "web",
            ["__meta_kubernetes_pod_labelpresent_app"] = "true",
            ["__meta_kubernetes_pod_label_app_kubernetes_io_name"] = "web",
            ["__meta_kubernetes_pod_labelpresent_app_kubernetes_io_name"] = "true",
            ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"] = "true",
            ["__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape"] = "true",
            ["__meta_kubernetes_pod_controller_kind"] = "ReplicaSet",
            ["__meta_kubernetes_pod_controller_name"] = "web-5d4f",
            ["__meta_kubernetes_pod_container_name"] = "app",
            ["__meta_kubernetes_pod_container_id"] = "containerd://abc",
            ["__meta_kubernetes_pod_container_image"] = "nginx:1.25",
            ["__meta_kubernetes_pod_container_port_name"] = "http",
            ["__meta_kubernetes_pod_container_port_number"] = "8080",
            ["__meta_kubernetes_pod_container_port_protocol"] = "TCP",
            ["__meta_kubernetes_pod_container_init"] = "false",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), http.OrderBy(p => p.Key));
    }

    [Fact]
    public void Build_ContainersWithAndWithoutPorts_OneTargetPerPortPlusBareIpPerPortlessContainer()
    {
        var targets = TargetsOf(PodRole.Build(Item("pods.json", "web-0"), EmptyLookup.Instance));

        var summary = targets.Select(t => $"{t["__address__"]} {t["__meta_kubernetes_pod_container_name"]} init={t["__meta_kubernetes_pod_container_init"]} id={t["__meta_kubernetes_pod_container_id"]}");
        Assert.Equal(
            ["10.0.0.5:8080 app init=false id=containerd://abc", "10.0.0.5:9090 app init=false id=containerd://abc",
             "10.0.0.5 sidecar init=false id=containerd://def", "10.0.0.5 init init=true id=containerd://ini"],
            summary);
        Assert.DoesNotContain(targets.Single(t => t["__meta_kubernetes_pod_container_name"] == "sidecar").Keys, k => k.Contains("port", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PodWithoutIp_NoTargets() =>
        Assert.Empty(TargetsOf(PodRole.Build(Item("pods.json", "pending-1"), EmptyLookup.Instance)));

    [Fact]
    public void Build_Ipv6Pod_BracketsAddressAndReportsNotReady()
    {
        var target = Assert.Single(TargetsOf(PodRole.Build(Item("pods.json", "db-0"), EmptyLookup.Instance)));

        Assert.Equal("[fd00::5]:5432", target["__address__"]);
        Assert.Equal("false", target["__meta_kubernetes_pod_ready"]);
        Assert.False(target.ContainsKey("__meta_kubernetes_pod_controller_kind"));
    }

    [Fact]
    public void Build_NodeMetadataAttached_AddsNodeLabels()
    {
        var lookup = new FixtureLookup(withNodes: true).With(KubeResource.Node, "nodes.json");

        var target = TargetsOf(PodRole.Build(Item("pods.json", "web-0"), lookup))[0];

        Assert.Equal("node-1", target["__meta_kubernetes_node_name"]);
        Assert.Equal("eu-1a", target["__meta_kubernetes_node_label_topology_kubernetes_io_zone"]);
        Assert.Equal("true", target["__meta_kubernetes_node_labelpresent_kubernetes_io_hostname"]);
    }

    [Fact]
    public void Build_NodeMetadataAttachedButNodeUnknown_NoTargets()
    {
        // The node selector filtered the pod's node out, so the pod is not a target either.
        var lookup = new FixtureLookup(withNodes: true);

        Assert.Empty(TargetsOf(PodRole.Build(Item("pods.json", "web-0"), lookup)));
    }

    [Fact]
    public void Build_NamespaceMetadataAttached_AddsNamespaceLabelsAndAnnotations()
    {
        var ns = System.Text.Json.JsonDocument.Parse("""{"metadata":{"name":"default","labels":{"team":"core"},"annotations":{"owner":"ops"}}}""").RootElement.Clone();
        var lookup = new NamespaceLookup(ns);

        var target = TargetsOf(PodRole.Build(Item("pods.json", "web-0"), lookup))[0];

        Assert.Equal("core", target["__meta_kubernetes_namespace_label_team"]);
        Assert.Equal("true", target["__meta_kubernetes_namespace_labelpresent_team"]);
        Assert.Equal("ops", target["__meta_kubernetes_namespace_annotation_owner"]);
        Assert.Equal("default", target["__meta_kubernetes_namespace"]);
    }

    private sealed class NamespaceLookup(System.Text.Json.JsonElement ns) : IKubeLookup
    {
        public bool WithNodes => false;

        public bool WithNamespaces => true;

        public System.Text.Json.JsonElement? Find(KubeResource kind, string key) => kind == KubeResource.Namespace && key == ns.Name() ? ns : null;
    }

    [Fact]
    public void Build_Source_IsPodNamespaceName() =>
        Assert.Equal("pod/default/web-0", PodRole.Build(Item("pods.json", "web-0"), EmptyLookup.Instance).Source);
}
