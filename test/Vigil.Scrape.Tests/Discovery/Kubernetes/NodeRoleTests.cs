using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeFixtures;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class NodeRoleTests
{
    [Fact]
    public void Build_Node_InternalIpAndKubeletPortWithEveryUpstreamLabel()
    {
        var target = Assert.Single(TargetsOf(NodeRole.Build(Item("nodes.json", "node-1"))));

        var expected = new Dictionary<string, string>
        {
            ["__address__"] = "192.168.1.10:10250",
            ["instance"] = "node-1",
            ["__meta_kubernetes_node_name"] = "node-1",
            ["__meta_kubernetes_node_provider_id"] = "aws:///eu-1a/i-0001",
            ["__meta_kubernetes_node_condition_memorypressure"] = "false",
            ["__meta_kubernetes_node_condition_ready"] = "true",
            ["__meta_kubernetes_node_label_kubernetes_io_hostname"] = "node-1",
            ["__meta_kubernetes_node_labelpresent_kubernetes_io_hostname"] = "true",
            ["__meta_kubernetes_node_label_topology_kubernetes_io_zone"] = "eu-1a",
            ["__meta_kubernetes_node_labelpresent_topology_kubernetes_io_zone"] = "true",
            ["__meta_kubernetes_node_annotation_node_alpha_kubernetes_io_ttl"] = "0",
            ["__meta_kubernetes_node_annotationpresent_node_alpha_kubernetes_io_ttl"] = "true",
            ["__meta_kubernetes_node_address_Hostname"] = "node-1",
            ["__meta_kubernetes_node_address_ExternalIP"] = "203.0.113.7",
            ["__meta_kubernetes_node_address_InternalIP"] = "192.168.1.10",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), target.OrderBy(p => p.Key));
    }

    [Fact]
    public void Build_OnlyHostname_FallsBackToHostname() =>
        Assert.Equal("node-2.local:10250", Assert.Single(TargetsOf(NodeRole.Build(Item("nodes.json", "node-2"))))["__address__"]);

    [Fact]
    public void Build_NoAddress_NoGroup() =>
        Assert.Null(NodeRole.Build(Item("nodes.json", "node-3")));
}
