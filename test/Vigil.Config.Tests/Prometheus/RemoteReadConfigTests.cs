using Vigil.Config.Prometheus;

namespace Vigil.Config.Tests.Prometheus;

public sealed class RemoteReadConfigTests
{
    [Fact]
    public void Parse_RemoteReadEntry_ReadsEveryFieldWithUpstreamDefaults()
    {
        const string yaml = """
            remote_read:
              - url: http://a/api/v1/read
                name: a
                remote_timeout: 10s
                read_recent: true
                filter_external_labels: false
                chunked_read_limit: 1000
                required_matchers: {env: prod}
                headers: {X-Scope-OrgID: team}
                basic_auth: {username: u, password: secret}
              - url: http://b/api/v1/read
            """;

        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.Empty(result.Warnings);
        var (a, b) = (result.Config!.RemoteRead[0], result.Config.RemoteRead[1]);
        Assert.Equal((TimeSpan.FromSeconds(10), true, false, 1000L), (a.RemoteTimeout, a.ReadRecent, a.FilterExternalLabels, a.ChunkedReadLimit));
        Assert.Equal("prod", a.RequiredMatchers["env"]);
        Assert.Equal("team", a.Headers["X-Scope-OrgID"]);
        Assert.Equal("u", a.Http.BasicAuthUsername);
        Assert.Equal((TimeSpan.FromMinutes(1), false, true, RemoteReadConfig.DefaultChunkedReadLimit), (b.RemoteTimeout, b.ReadRecent, b.FilterExternalLabels, b.ChunkedReadLimit));
        Assert.Empty(b.RequiredMatchers);
    }
}
