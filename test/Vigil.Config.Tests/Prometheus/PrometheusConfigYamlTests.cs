using Vigil.Config.Prometheus;

namespace Vigil.Config.Tests.Prometheus;

public sealed class PrometheusConfigYamlTests
{
    [Theory]
    [InlineData("scrape_configs:\n- job_name: a\n  basic_auth:\n    username: u\n    password: hunter2\n", "hunter2")]
    [InlineData("scrape_configs:\n- job_name: a\n  authorization:\n    credentials: hunter2\n", "hunter2")]
    [InlineData("scrape_configs:\n- job_name: a\n  bearer_token: hunter2\n", "hunter2")]
    [InlineData("scrape_configs:\n- job_name: a\n  oauth2:\n    client_id: c\n    client_secret: hunter2\n", "hunter2")]
    [InlineData("scrape_configs:\n- job_name: a\n  tls_config:\n    key: hunter2\n", "hunter2")]
    [InlineData("remote_write:\n- url: https://user:hunter2@remote.example/write\n", "hunter2")]
    [InlineData("scrape_configs:\n- job_name: a\n  http_headers:\n    X-Token:\n      secrets: [hunter2]\n", "hunter2")]
    [InlineData("# old password: hunter2\nglobal: {}\n", "hunter2")]
    [InlineData("scrape_configs:\n- job_name: a\n  proxy_url: http://p:3128\n  proxy_connect_header:\n    X-Tenant: [hunter2, other]\n", "hunter2")]
    public void Mask_SecretValue_Replaced(string yaml, string secret)
    {
        var masked = PrometheusConfigYaml.Mask(yaml);

        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        Assert.NotEqual("", masked);
    }

    [Fact]
    public void Mask_LabelNamedLikeASecret_Kept()
    {
        var masked = PrometheusConfigYaml.Mask("global:\n  external_labels:\n    password: visible\n");

        Assert.Contains("password: visible", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_UsernameAndUrlWithoutPassword_Kept()
    {
        var masked = PrometheusConfigYaml.Mask("remote_write:\n- url: https://remote.example/write\n  basic_auth:\n    username: alice\n    password: p\n");

        Assert.Contains("https://remote.example/write", masked, StringComparison.Ordinal);
        Assert.Contains("alice", masked, StringComparison.Ordinal);
        Assert.Contains("<secret>", masked, StringComparison.Ordinal);
    }
}
