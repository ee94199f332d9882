using Vigil.Model.Labels;
using Vigil.PrometheusHost;

namespace Vigil.Api.Tests.Prometheus;

public sealed class PrometheusHostTests
{
    private static string Write(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vigil-promcfg-").FullName, "prometheus.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Load_ExternalLabels_LabelSet()
    {
        var config = PrometheusConfigFile.Load(Write("global:\n  external_labels:\n    site: eu\n    env: prod\nscrape_configs: []\n"));
        Assert.Equal(LabelSet.Of("env", "prod", "site", "eu"), config.ExternalLabels);
    }

    [Fact]
    public void StatusConfig_BasicAuthPassword_MaskedAsSecret()
    {
        var config = PrometheusConfigFile.Load(Write("scrape_configs:\n  - job_name: node\n    basic_auth:\n      username: u\n      password: hunter2\n    static_configs:\n      - targets: ['a:9100']\n"));
        var json = ApiTestKit.Data(Vigil.Api.Prometheus.StatusHandlers.Config(config.MaskedYaml));
        Assert.Contains("password: <secret>", json, StringComparison.Ordinal);
        Assert.Contains("job_name: node", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        Assert.StartsWith("{\"yaml\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusConfig_NoFile_GlobalDefaults() =>
        Assert.Contains("scrape_interval: 1m", PrometheusConfigFile.Empty.MaskedYaml, StringComparison.Ordinal);

    [Theory]
    [InlineData("global:\n  scrape_intervall: 5s\n", ":2:3: global.scrape_intervall")]
    [InlineData("global: [\n", "prometheus.yml:")]
    public void Load_BadFile_FormatExceptionWithPosition(string yaml, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PrometheusConfigFile.Load(Write(yaml)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512MB", 512L << 20)]
    [InlineData("1GB", 1L << 30)]
    [InlineData("100B", 100)]
    [InlineData("2KB", 2048)]
    public void ByteSize_WithUnit_Bytes(string text, long bytes) =>
        Assert.Equal(bytes, ByteSize.Parse(text, "storage.tsdb.retention.size"));

    [Theory]
    [InlineData("512")]
    [InlineData("12XB")]
    [InlineData("MB")]
    public void ByteSize_Invalid_UsageErrorNamingFlag(string text)
    {
        var e = Assert.Throws<Vigil.Cli.UsageException>(() => ByteSize.Parse(text, "storage.tsdb.retention.size"));
        Assert.Contains("'--storage.tsdb.retention.size'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(512L << 20, "512MiB")]
    [InlineData(1000, "1000B")]
    public void ByteSize_Format_LargestExactUnit(long bytes, string text) =>
        Assert.Equal(text, ByteSize.Format(bytes));
}
