using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeFixtures;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class IngressRoleTests
{
    [Fact]
    public void Build_Rules_OneTargetPerHostAndPathWithTlsScheme()
    {
        var targets = TargetsOf(IngressRole.Build(Item("ingresses.json", "web"), EmptyLookup.Instance));

        var summary = targets.Select(t => $"{t["__address__"]} {t["__meta_kubernetes_ingress_scheme"]} {t["__meta_kubernetes_ingress_host"]}{t["__meta_kubernetes_ingress_path"]}");
        Assert.Equal(["a.example.com https a.example.com/", "a.example.com https a.example.com/", "b.other.org http b.other.org/"], summary);
        Assert.All(targets, t => Assert.Equal("nginx", t["__meta_kubernetes_ingress_class_name"]));
        Assert.All(targets, t => Assert.Equal("web", t["__meta_kubernetes_ingress_label_app"]));
    }

    [Theory]
    [InlineData("a.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("b.example.com", "a.example.com", false)]
    public void MatchesHost_Pattern_Result(string pattern, string host, bool expected) =>
        Assert.Equal(expected, IngressRole.MatchesHost(pattern, host));
}
