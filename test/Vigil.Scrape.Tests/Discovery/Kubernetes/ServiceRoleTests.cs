using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeFixtures;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class ServiceRoleTests
{
    [Theory]
    [InlineData("web", "web.default.svc:80", "__meta_kubernetes_service_cluster_ip", "10.96.0.10")]
    [InlineData("web", "web.default.svc:80", "__meta_kubernetes_service_port_name", "http")]
    [InlineData("web", "web.default.svc:9090", "__meta_kubernetes_service_port_number", "9090")]
    [InlineData("web", "web.default.svc:80", "__meta_kubernetes_service_type", "ClusterIP")]
    [InlineData("web", "web.default.svc:80", "__meta_kubernetes_service_annotation_prometheus_io_port", "9090")]
    [InlineData("web", "web.default.svc:80", "__meta_kubernetes_service_label_app", "web")]
    [InlineData("ext", "ext.default.svc:5432", "__meta_kubernetes_service_external_name", "db.example.com")]
    [InlineData("ext", "ext.default.svc:5432", "__meta_kubernetes_service_port_name", "")]
    [InlineData("lb", "lb.default.svc:443", "__meta_kubernetes_service_loadbalancer_ip", "198.51.100.1,198.51.100.2")]
    [InlineData("lb", "lb.default.svc:443", "__meta_kubernetes_service_cluster_ip", "10.96.0.20")]
    public void Build_ServicePort_Label(string service, string address, string label, string value)
    {
        var target = TargetsOf(ServiceRole.Build(Item("services.json", service), EmptyLookup.Instance)).Single(t => t["__address__"] == address);

        Assert.Equal(value, target[label]);
        Assert.Equal("default", target["__meta_kubernetes_namespace"]);
        Assert.Equal(service, target["__meta_kubernetes_service_name"]);
    }

    [Fact]
    public void Build_ExternalName_HasNoClusterIp() =>
        Assert.DoesNotContain("__meta_kubernetes_service_cluster_ip", TargetsOf(ServiceRole.Build(Item("services.json", "ext"), EmptyLookup.Instance))[0].Keys);

    [Fact]
    public void Build_Source_IsSvcNamespaceName() =>
        Assert.Equal("svc/default/web", ServiceRole.Build(Item("services.json", "web"), EmptyLookup.Instance).Source);
}
