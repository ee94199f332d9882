using Vigil.Scrape.Http;

namespace Vigil.Scrape.Tests.Http;

public sealed class NoProxyListTests
{
    [Theory]
    [InlineData("*", "http://anything:80/", true)]
    [InlineData("example.com", "http://example.com/", true)]
    [InlineData("example.com", "http://a.example.com/", true)]
    [InlineData("example.com", "http://notexample.com/", false)]
    [InlineData(".example.com", "http://example.com/", false)]
    [InlineData(".example.com", "http://a.example.com/", true)]
    [InlineData("*.example.com", "http://a.example.com/", true)]
    [InlineData("example.com:8080", "http://example.com:8080/", true)]
    [InlineData("example.com:8080", "http://example.com:9090/", false)]
    [InlineData("10.0.0.0/8", "http://10.1.2.3/", true)]
    [InlineData("10.0.0.0/8", "http://11.1.2.3/", false)]
    [InlineData("192.168.1.5", "http://192.168.1.5:9100/", true)]
    [InlineData("other.org", "http://localhost:9100/", true)]
    [InlineData("other.org", "http://127.0.0.1:9100/", true)]
    [InlineData("other.org", "http://[::1]:9100/", true)]
    [InlineData(" a.org , b.org ", "http://b.org/", true)]
    public void Bypasses_GoRules_MatchesAsUpstream(string noProxy, string url, bool bypassed)
    {
        Assert.Equal(bypassed, NoProxyList.Parse(noProxy).Bypasses(new Uri(url)));
    }

    [Fact]
    public void FromEnvironment_LowerCaseVariables_UsedPerScheme()
    {
        var env = new Dictionary<string, string> { ["http_proxy"] = "proxy:3128", ["HTTPS_PROXY"] = "http://secure:3129", ["no_proxy"] = "internal" };

        var proxy = ConfiguredProxy.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://proxy:3128/"), proxy.GetProxy(new Uri("http://target/")));
        Assert.Equal(new Uri("http://secure:3129/"), proxy.GetProxy(new Uri("https://target/")));
        Assert.Null(proxy.GetProxy(new Uri("http://a.internal/")));
    }
}
