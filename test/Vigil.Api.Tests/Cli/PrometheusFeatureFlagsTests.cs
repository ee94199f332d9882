using Vigil.Cli;
using Vigil.PrometheusHost;
using Vigil.PromQL.Parser;

namespace Vigil.Api.Tests.Cli;

/// <summary><c>--enable-feature</c> of <c>vigil prometheus</c>: upstream's names, comma-separated and repeatable.</summary>
public sealed class PrometheusFeatureFlagsTests
{
    private static FeatureFlags From(params string[] args) =>
        PrometheusSettings.From(new FlagParser(PrometheusFlags.All).Parse(args)).Features;

    [Fact]
    public void From_NoFlag_EverythingOff()
    {
        var features = From();

        Assert.False(features.DelayedNameRemoval);
        Assert.False(features.ExtraScrapeMetrics);
        Assert.False(features.ConcurrentRuleEval);
        Assert.Empty(features.Given);
    }

    [Theory]
    [InlineData("--enable-feature=promql-delayed-name-removal")]
    [InlineData("--enable-feature=exemplar-storage,promql-delayed-name-removal")]
    public void From_DelayedNameRemoval_TurnsItOn(string arg)
    {
        Assert.True(From(arg).DelayedNameRemoval);
    }

    [Theory]
    [InlineData("--enable-feature=exemplar-storage", true)]
    [InlineData("--enable-feature=promql-delayed-name-removal", false)]
    public void From_ExemplarStorage_OnlyWhenNamed(string arg, bool expected) =>
        Assert.Equal(expected, From(arg).ExemplarStorage);

    [Theory]
    [InlineData("promql-delayed-name-removal", FeatureFlags.Handling.Enabled)]
    [InlineData("use-start-timestamps", FeatureFlags.Handling.Enabled)]
    [InlineData("exemplar-storage", FeatureFlags.Handling.Enabled)]
    [InlineData("extra-scrape-metrics", FeatureFlags.Handling.Enabled)]
    [InlineData("concurrent-rule-eval", FeatureFlags.Handling.Enabled)]
    [InlineData("auto-reload-config", FeatureFlags.Handling.Enabled)]
    [InlineData("promql-experimental-functions", FeatureFlags.Handling.Enabled)]
    [InlineData("promql-extended-range-selectors", FeatureFlags.Handling.Enabled)]
    [InlineData("promql-binop-fill-modifiers", FeatureFlags.Handling.Enabled)]
    [InlineData("promql-duration-expr", FeatureFlags.Handling.AlwaysOn)]
    [InlineData("type-and-unit-labels", FeatureFlags.Handling.NotImplemented)]
    [InlineData("no-such-feature", FeatureFlags.Handling.Unknown)]
    [InlineData("native-histograms", FeatureFlags.Handling.Replaced)]
    public void From_Name_ClassifiedAsUpstreamKnowsIt(string name, FeatureFlags.Handling expected)
    {
        var given = Assert.Single(From("--enable-feature=" + name).Given);

        Assert.Equal((name, expected), given);
    }

    [Fact]
    public void From_NoFlag_ParserHasOnlyDurationExpressions()
    {
        Assert.Equal(ParserOptions.Default, From().Parser);
    }

    [Theory]
    [InlineData("promql-experimental-functions", true, false, false)]
    [InlineData("promql-extended-range-selectors", false, true, false)]
    [InlineData("promql-binop-fill-modifiers", false, false, true)]
    [InlineData("promql-experimental-functions,promql-binop-fill-modifiers", true, false, true)]
    [InlineData("promql-duration-expr,exemplar-storage", false, false, false)]
    public void From_PromqlLanguageFlag_EnablesItInTheParser(string names, bool functions, bool ranges, bool fill)
    {
        var parser = From("--enable-feature=" + names).Parser;

        Assert.Equal(new ParserOptions { ExperimentalFunctions = functions, ExtendedRangeSelectors = ranges, BinopFillModifiers = fill }, parser);
    }

    [Fact]
    public void ReplacementHint_NativeHistograms_PointsAtTheScrapeSetting()
    {
        Assert.Contains("set the scrape_native_histograms scrape config setting to true", FeatureFlags.ReplacementHint("native-histograms"), StringComparison.Ordinal);
    }

    [Fact]
    public void From_ExtraScrapeMetrics_TurnsOnTheDefault()
    {
        Assert.True(From("--enable-feature=extra-scrape-metrics").ExtraScrapeMetrics);
    }

    [Theory]
    [InlineData(new string[0], false, 4L)]
    [InlineData(new[] { "--enable-feature=concurrent-rule-eval" }, true, 4L)]
    [InlineData(new[] { "--enable-feature=concurrent-rule-eval", "--rules.max-concurrent-evals=16" }, true, 16L)]
    public void From_ConcurrentRuleEval_TurnsItOnWithTheLimit(string[] args, bool on, long limit)
    {
        var settings = PrometheusSettings.From(new FlagParser(PrometheusFlags.All).Parse(args));

        Assert.Equal((on, limit), (settings.Features.ConcurrentRuleEval, settings.RulesMaxConcurrentEvals));
    }

    [Theory]
    [InlineData(new string[0], false, 30.0)]
    [InlineData(new[] { "--config.auto-reload" }, true, 30.0)]
    [InlineData(new[] { "--enable-feature=auto-reload-config" }, true, 30.0)]
    [InlineData(new[] { "--config.auto-reload", "--config.auto-reload-interval=5m" }, true, 300.0)]
    [InlineData(new[] { "--config.auto-reload", "--config.auto-reload-interval=100ms" }, true, 1.0)]
    public void From_AutoReload_FlagOrDeprecatedFeatureWithIntervalAtLeastOneSecond(string[] args, bool on, double seconds)
    {
        var settings = PrometheusSettings.From(new FlagParser(PrometheusFlags.All).Parse(args));

        Assert.Equal((on, TimeSpan.FromSeconds(seconds)), (settings.AutoReload, settings.AutoReloadInterval));
    }

    [Theory]
    [InlineData("auto-reload-config", true)]
    [InlineData("extra-scrape-metrics", true)]
    [InlineData("concurrent-rule-eval", false)]
    public void UpstreamLine_PhasedOutNames_AreWarnings(string name, bool warning)
    {
        Assert.Equal(warning, FeatureFlags.UpstreamLine(name)?.Warning);
    }

    [Fact]
    public void From_RepeatedFlag_KeepsEveryName()
    {
        var features = From("--enable-feature=a,b", "--enable-feature=promql-delayed-name-removal");

        Assert.Equal(["a", "b", "promql-delayed-name-removal"], features.Given.Select(g => g.Name));
        Assert.True(features.DelayedNameRemoval);
    }
}
