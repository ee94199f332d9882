using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeFixtures;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class EndpointsRoleTests
{
    private static List<Dictionary<string, string>> Web(bool withNodes = false)
    {
        var lookup = new FixtureLookup(withNodes).With(KubeResource.Pod, "pods.json").With(KubeResource.Service, "services.json").With(KubeResource.Node, "nodes.json");
        return TargetsOf(EndpointsRole.Build(Item("endpoints.json", "web"), lookup));
    }

    [Fact]
    public void Build_Subsets_ReadyAndNotReadyAddressesThenUncoveredPodPorts()
    {
        var summary = Web().Select(t => $"{t["__address__"]} ready={t.GetValueOrDefault("__meta_kubernetes_endpoint_ready", "-")}");

        Assert.Equal(["10.0.0.5:8080 ready=true", "10.0.0.6:8080 ready=false", "10.0.0.5:9090 ready=-"], summary);
    }

    [Fact]
    public void Build_AddressBackedByPod_CarriesEndpointServicePodAndContainerLabels()
    {
        var target = Web()[0];

        var expected = new Dictionary<string, string>
        {
            ["__address__"] = "10.0.0.5:8080",
            ["__meta_kubernetes_namespace"] = "default",
            ["__meta_kubernetes_endpoints_name"] = "web",
            ["__meta_kubernetes_endpoints_label_app"] = "web",
            ["__meta_kubernetes_endpoints_labelpresent_app"] = "true",
            ["__meta_kubernetes_service_name"] = "web",
            ["__meta_kubernetes_service_label_app"] = "web",
            ["__meta_kubernetes_service_labelpresent_app"] = "true",
            ["__meta_kubernetes_service_annotation_prometheus_io_port"] = "9090",
            ["__meta_kubernetes_service_annotationpresent_prometheus_io_port"] = "true",
            ["__meta_kubernetes_endpoint_port_name"] = "http",
            ["__meta_kubernetes_endpoint_port_protocol"] = "TCP",
            ["__meta_kubernetes_endpoint_ready"] = "true",
            ["__meta_kubernetes_endpoint_node_name"] = "node-1",
            ["__meta_kubernetes_endpoint_address_target_kind"] = "Pod",
            ["__meta_kubernetes_endpoint_address_target_name"] = "web-0",
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
            ["__meta_kubernetes_pod_container_image"] = "nginx:1.25",
            ["__meta_kubernetes_pod_container_port_name"] = "http",
            ["__meta_kubernetes_pod_container_port_number"] = "8080",
            ["__meta_kubernetes_pod_container_port_protocol"] = "TCP",
            ["__meta_kubernetes_pod_container_init"] = "false",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), target.OrderBy(p => p.Key));
    }

    [Fact]
    public void Build_NotReadyAddressWithoutPod_HasHostnameAndNoPodLabels()
    {
        var target = Web()[1];

        Assert.Equal("web-1", target["__meta_kubernetes_endpoint_hostname"]);
        Assert.DoesNotContain(target.Keys, k => k.StartsWith("__meta_kubernetes_pod_", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_UncoveredContainerPort_GetsContainerAndPodLabels()
    {
        var target = Web()[2];

        Assert.Equal("metrics", target["__meta_kubernetes_pod_container_port_name"]);
        Assert.Equal("web-0", target["__meta_kubernetes_pod_name"]);
        Assert.Equal("web", target["__meta_kubernetes_service_name"]);
    }

    [Fact]
    public void Build_NodeMetadataAttached_AddsNodeLabelsToAddressesWithNodeName()
    {
        var targets = Web(withNodes: true);

        Assert.Equal("node-1", targets[0]["__meta_kubernetes_node_name"]);
        Assert.False(targets[1].ContainsKey("__meta_kubernetes_node_name"));
    }
}
