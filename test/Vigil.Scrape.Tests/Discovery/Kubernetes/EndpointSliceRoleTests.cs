using System.Text.Json;
using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeFixtures;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class EndpointSliceRoleTests
{
    private static FixtureLookup Lookup() => new FixtureLookup().With(KubeResource.Pod, "pods.json").With(KubeResource.Service, "services.json");

    [Fact]
    public void Build_Slice_OneTargetPerAddressAndPortPlusUncoveredPodPorts() =>
        Assert.Equal(["10.0.0.5:8080", "10.0.0.7:8080", "10.0.0.5:9090"],
            TargetsOf(EndpointSliceRole.Build(Item("endpointslices.json", "web-abcde"), Lookup())).Select(t => t["__address__"]));

    [Theory]
    [InlineData(0, "__meta_kubernetes_endpointslice_name", "web-abcde")]
    [InlineData(0, "__meta_kubernetes_endpointslice_address_type", "IPv4")]
    [InlineData(0, "__meta_kubernetes_endpointslice_label_kubernetes_io_service_name", "web")]
    [InlineData(0, "__meta_kubernetes_endpointslice_port", "8080")]
    [InlineData(0, "__meta_kubernetes_endpointslice_port_name", "http")]
    [InlineData(0, "__meta_kubernetes_endpointslice_port_protocol", "TCP")]
    [InlineData(0, "__meta_kubernetes_endpointslice_port_app_protocol", "http")]
    [InlineData(0, "__meta_kubernetes_endpointslice_endpoint_conditions_ready", "true")]
    [InlineData(0, "__meta_kubernetes_endpointslice_endpoint_conditions_serving", "true")]
    [InlineData(0, "__meta_kubernetes_endpointslice_endpoint_conditions_terminating", "false")]
    [InlineData(0, "__meta_kubernetes_endpointslice_endpoint_node_name", "node-1")]
    [InlineData(0, "__meta_kubernetes_endpointslice_endpoint_zone", "eu-1a")]
    [InlineData(0, "__meta_kubernetes_endpointslice_address_target_kind", "Pod")]
    [InlineData(0, "__meta_kubernetes_endpointslice_address_target_name", "web-0")]
    [InlineData(0, "__meta_kubernetes_service_name", "web")]
    [InlineData(0, "__meta_kubernetes_pod_name", "web-0")]
    [InlineData(0, "__meta_kubernetes_pod_container_port_name", "http")]
    [InlineData(1, "__meta_kubernetes_endpointslice_endpoint_conditions_ready", "false")]
    [InlineData(1, "__meta_kubernetes_endpointslice_endpoint_hostname", "web-2")]
    [InlineData(2, "__meta_kubernetes_pod_container_port_name", "metrics")]
    public void Build_Slice_Label(int index, string label, string value) =>
        Assert.Equal(value, TargetsOf(EndpointSliceRole.Build(Item("endpointslices.json", "web-abcde"), Lookup()))[index][label]);

    [Theory]
    [InlineData(1, "__meta_kubernetes_endpointslice_endpoint_conditions_serving")]
    [InlineData(1, "__meta_kubernetes_endpointslice_endpoint_zone")]
    [InlineData(1, "__meta_kubernetes_endpointslice_address_target_kind")]
    public void Build_FieldAbsentInSlice_LabelAbsent(int index, string label) =>
        Assert.False(TargetsOf(EndpointSliceRole.Build(Item("endpointslices.json", "web-abcde"), Lookup()))[index].ContainsKey(label));

    [Fact]
    public void Build_SecondaryFamilySliceOfDualStackService_NoTargets()
    {
        var slice = JsonDocument.Parse(Text("endpointslices.json").Replace("\"IPv4\"", "\"IPv6\"", StringComparison.Ordinal)).RootElement.GetProperty("items")[0].Clone();
        var dualStack = JsonDocument.Parse("""{"metadata":{"name":"web","namespace":"default"},"spec":{"ipFamilyPolicy":"PreferDualStack","ipFamilies":["IPv4","IPv6"]}}""").RootElement.Clone();
        var lookup = new SingleLookup(KubeResource.Service, "default/web", dualStack);

        Assert.Empty(TargetsOf(EndpointSliceRole.Build(slice, lookup)));
    }

    private sealed class SingleLookup(KubeResource kind, string key, JsonElement obj) : IKubeLookup
    {
        public bool WithNodes => false;

        public bool WithNamespaces => false;

        public JsonElement? Find(KubeResource k, string name) => k == kind && name == key ? obj : null;
    }
}
