using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;
using Vigil.Scrape.Targets;

namespace Vigil.Scrape.Tests.Targets;

public sealed class TargetBuilderTests
{
    private static ScrapeConfig Config(params RelabelConfig[] relabel) => new()
    {
        JobName = "node",
        ScrapeInterval = TimeSpan.FromSeconds(15),
        ScrapeTimeout = TimeSpan.FromSeconds(10),
        RelabelConfigs = relabel,
        Discovery = new DiscoveryConfigs
        {
            Static = [new StaticTargetGroup(["a:9100", "b:9100"], new Dictionary<string, string> { ["env"] = "prod" })],
        },
    };

    [Fact]
    public void FromStaticConfigs_Defaults_SetJobInstanceAndUrl()
    {
        var targets = new TargetBuilder(Config()).FromStaticConfigs();

        Assert.Equal(2, targets.Active.Count);
        var a = targets.Active[0];
        Assert.Equal(LabelSet.Of("env", "prod", "instance", "a:9100", "job", "node"), a.Labels);
        Assert.Equal("http://a:9100/metrics", a.Url.ToString());
        Assert.Equal("15s", a.FullLabels.Get("__scrape_interval__"));
        Assert.Equal("10s", a.FullLabels.Get("__scrape_timeout__"));
        Assert.Equal("/metrics", a.FullLabels.Get("__metrics_path__"));
        Assert.Equal("http", a.FullLabels.Get("__scheme__"));
        Assert.Equal(LabelSet.Of("__address__", "a:9100", "env", "prod"), a.DiscoveredLabels);
    }

    [Fact]
    public void FromStaticConfigs_RelabelDrop_KeepsTargetAsDropped()
    {
        var drop = new RelabelConfig { SourceLabels = ["__address__"], Regex = "b:.*", Action = RelabelAction.Drop };

        var targets = new TargetBuilder(Config(drop)).FromStaticConfigs();

        Assert.Equal("a:9100", Assert.Single(targets.Active).Labels.Get("instance"));
        Assert.Equal("b:9100", Assert.Single(targets.Dropped).Get("__address__"));
    }

    [Fact]
    public void FromStaticConfigs_RelabelInternalLabels_ChangeUrlButNotPublicLabels()
    {
        var rules = new[]
        {
            new RelabelConfig { TargetLabel = "__scheme__", Replacement = "https" },
            new RelabelConfig { TargetLabel = "__metrics_path__", Replacement = "/probe" },
            new RelabelConfig { TargetLabel = "__param_target", Replacement = "x y" },
            new RelabelConfig { SourceLabels = ["__address__"], TargetLabel = "instance" },
            new RelabelConfig { TargetLabel = "__address__", Replacement = "exporter:9115" },
        };

        var target = new TargetBuilder(Config(rules)).FromStaticConfigs().Active[0];

        Assert.Equal("https://exporter:9115/probe?target=x+y", target.Url.AbsoluteUri);
        Assert.Equal("a:9100", target.Labels.Get("instance"));
        Assert.DoesNotContain(target.Labels, l => l.Name.StartsWith("__", StringComparison.Ordinal));
    }

    [Fact]
    public void FromStaticConfigs_ParamsFromConfig_FirstValueOverriddenByLabel()
    {
        var config = Config(new RelabelConfig { TargetLabel = "__param_module", Replacement = "tcp" }) with
        {
            Params = new Dictionary<string, IReadOnlyList<string>> { ["module"] = ["http", "icmp"], ["debug"] = ["1"] },
        };

        var target = new TargetBuilder(config).FromStaticConfigs().Active[0];

        Assert.Equal("http://a:9100/metrics?debug=1&module=tcp&module=icmp", target.Url.AbsoluteUri);
    }

    [Theory]
    [InlineData("", "no address")]
    [InlineData("a/b", "\"a/b\" is not a valid hostname")]
    public void FromStaticConfigs_BadAddress_ReportsErrorNamingTarget(string address, string expected)
    {
        var config = Config() with
        {
            Discovery = new DiscoveryConfigs { Static = [new StaticTargetGroup([address], new Dictionary<string, string>())] },
        };

        var targets = new TargetBuilder(config).FromStaticConfigs();

        Assert.Empty(targets.Active);
        Assert.Equal($"instance \"{address}\" in job \"node\": {expected}", Assert.Single(targets.Errors));
    }

    [Theory]
    [InlineData(15_000, "15s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(3_600_000, "1h")]
    public void FormatDuration_Values_PrintAsPrometheus(long ms, string expected)
    {
        Assert.Equal(expected, TargetBuilder.FormatDuration(TimeSpan.FromMilliseconds(ms)));
    }

    [Fact]
    public void Offset_SameTarget_IsStableAndWithinInterval()
    {
        var interval = TimeSpan.FromSeconds(15);
        var targets = new TargetBuilder(Config()).FromStaticConfigs().Active;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var first = targets[0].Offset(interval, time.GetUtcNow());
        var again = new TargetBuilder(Config()).FromStaticConfigs().Active[0].Offset(interval, time.GetUtcNow());
        time.Advance(first);

        Assert.Equal(first, again);
        Assert.InRange(first, TimeSpan.Zero, interval);
        Assert.Equal(TimeSpan.Zero, targets[0].Offset(interval, time.GetUtcNow()));
        Assert.NotEqual(targets[0].Hash, targets[1].Hash);
    }
}
