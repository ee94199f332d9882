using Vigil.Config.Prometheus;

namespace Vigil.Config.Tests.Prometheus;

public sealed class NativeHistogramConfigTests
{
    [Theory]
    [InlineData("", "", "OpenMetricsText1.0.0")]
    [InlineData("", "  scrape_native_histograms: true\n", "PrometheusProto")]
    [InlineData("global:\n  scrape_native_histograms: true\n", "", "PrometheusProto")]
    [InlineData("global:\n  scrape_native_histograms: true\n", "  scrape_native_histograms: false\n", "OpenMetricsText1.0.0")]
    [InlineData("global:\n  scrape_protocols: [PrometheusText0.0.4]\n", "  scrape_native_histograms: true\n", "PrometheusText0.0.4")]
    [InlineData("", "  scrape_native_histograms: true\n  scrape_protocols: [OpenMetricsText1.0.0]\n", "OpenMetricsText1.0.0")]
    public void Parse_ScrapeNativeHistograms_DecidesTheDefaultProtocolsAsUpstream(string global, string job, string firstProtocol)
    {
        var config = Load($"{global}scrape_configs:\n- job_name: a\n{job}");

        Assert.Equal(firstProtocol, config.ScrapeConfigs[0].ScrapeProtocols[0]);
        Assert.Equal(job.Contains("true", StringComparison.Ordinal) || (global.Contains("true", StringComparison.Ordinal) && !job.Contains("false", StringComparison.Ordinal)),
            config.ScrapeConfigs[0].ScrapeNativeHistograms);
    }

    [Fact]
    public void Parse_HistogramSettings_JobOverridesGlobal()
    {
        var config = Load("""
            global:
              always_scrape_classic_histograms: true
              convert_classic_histograms_to_nhcb: true
            scrape_configs:
            - job_name: inherits
            - job_name: overrides
              always_scrape_classic_histograms: false
              convert_classic_histograms_to_nhcb: false
              native_histogram_bucket_limit: 160
              native_histogram_min_bucket_factor: 1.1
            """);

        var (inherits, overrides) = (config.ScrapeConfigs[0], config.ScrapeConfigs[1]);
        Assert.True(inherits.AlwaysScrapeClassicHistograms);
        Assert.True(inherits.ConvertClassicHistogramsToNhcb);
        Assert.Equal(0, inherits.NativeHistogramBucketLimit);
        Assert.False(overrides.AlwaysScrapeClassicHistograms);
        Assert.False(overrides.ConvertClassicHistogramsToNhcb);
        Assert.Equal(160, overrides.NativeHistogramBucketLimit);
        Assert.Equal(1.1, overrides.NativeHistogramMinBucketFactor);
    }

    [Theory]
    [InlineData("native_histogram_bucket_limit: -1", "native_histogram_bucket_limit must not be negative")]
    [InlineData("native_histogram_min_bucket_factor: fast", "native_histogram_min_bucket_factor: cannot unmarshal \"fast\" into a number")]
    [InlineData("scrape_native_histograms: maybe", "scrape_native_histograms")]
    public void Parse_BadHistogramSetting_ErrorNamesTheField(string line, string expected)
    {
        var result = PrometheusConfigLoader.Parse($"scrape_configs:\n- job_name: a\n  {line}\n", "p.yml");

        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    private static PrometheusConfig Load(string yaml)
    {
        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Config!;
    }
}
