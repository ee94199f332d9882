using Vigil.Api.Hosting;

namespace Vigil.Api.Tests.Hosting;

public sealed class RoutePrefixTests
{
    [Theory]
    [InlineData("", "", "/")]
    [InlineData("http://am.example/alertmanager/", "", "/alertmanager")]
    [InlineData("http://am.example/a/b", "", "/a/b")]
    [InlineData("http://am.example/alertmanager", "/other/", "/other")]
    [InlineData("", "x", "/x")]
    public void Resolve_DefaultsToExternalUrlPath(string externalUrl, string flag, string expected) =>
        Assert.Equal(expected, RoutePrefix.Resolve(flag, RoutePrefix.ExternalUrl(externalUrl, "host", 9093)));

    [Fact]
    public void ExternalUrl_Empty_DerivedFromHostAndPort() =>
        Assert.Equal("http://host:9093/", RoutePrefix.ExternalUrl("", "host", 9093).ToString());

    [Theory]
    [InlineData("ftp://x/")]
    [InlineData("not a url")]
    public void ExternalUrl_Bad_Throws(string url) => Assert.Throws<FormatException>(() => RoutePrefix.ExternalUrl(url, "h", 1));

    [Theory]
    [InlineData(":9093", "", 9093)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9093", "::1", 9093)]
    [InlineData("localhost:80", "localhost", 80)]
    public void ListenAddress_Parse_GoForms(string text, string host, int port) =>
        Assert.Equal(new ListenAddress(host, port), ListenAddress.Parse(text));
}
