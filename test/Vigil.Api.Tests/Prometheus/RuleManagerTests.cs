using Vigil.PrometheusHost;

namespace Vigil.Api.Tests.Prometheus;

public sealed class RuleManagerTests
{
    private const string GoodRules = "groups:\n- name: g\n  rules:\n  - alert: Up\n    expr: up == 0\n    for: 5s\n";

    private static string Dir(params (string Name, string Text)[] files)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-rulemgr-").FullName;
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), text);
        }
        return dir;
    }

    [Fact]
    public void Load_RuleFileGlobs_ResolvedAgainstConfigDirectory()
    {
        var dir = Dir(("prometheus.yml", "rule_files: ['rules/*.yml', '/abs/x.yml']\n"));
        var config = PrometheusConfigFile.Load(Path.Combine(dir, "prometheus.yml"));
        Assert.Equal([Path.Combine(dir, "rules", "*.yml"), "/abs/x.yml"], config.RuleFilePatterns);
    }

    [Fact]
    public void LoadAll_Glob_EveryMatchingFileInOrder()
    {
        var dir = Dir(("b.yml", GoodRules), ("a.yml", GoodRules), ("c.txt", "not rules"));
        var files = RuleManager.LoadAll([Path.Combine(dir, "*.yml")]);
        Assert.Equal(["a.yml", "b.yml"], files.Select(f => Path.GetFileName(f.Path)));
    }

    [Fact]
    public void LoadAll_GlobMatchesNothing_NoFiles() =>
        Assert.Empty(RuleManager.LoadAll([Path.Combine(Dir(), "*.yml")]));

    [Theory]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: X\n    expr: 'foo('\n", "bad.yml:5:")]
    [InlineData("groups:\n- name: g\n  rulez: []\n", "bad.yml:3:")]
    public void LoadAll_BadFile_FormatExceptionNamingFileAndLine(string yaml, string expected)
    {
        var dir = Dir(("good.yml", GoodRules), ("bad.yml", yaml));
        var e = Assert.Throws<FormatException>(() => RuleManager.LoadAll([Path.Combine(dir, "*.yml")]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAll_MissingPlainFile_FormatException()
    {
        var e = Assert.Throws<FormatException>(() => RuleManager.LoadAll([Path.Combine(Dir(), "missing.yml")]));
        Assert.Contains("missing.yml", e.Message, StringComparison.Ordinal);
    }
}
