using Vigil.Rules.RuleFiles;

namespace Vigil.Rules.Tests.RuleFiles;

public sealed class DuplicateRulesTests
{
    [Theory]
    [InlineData("  - record: a\n    expr: up\n  - record: b\n    expr: up\n", 0)]
    [InlineData("  - record: a\n    expr: up\n  - record: a\n    expr: up\n", 1)]
    [InlineData("  - record: a\n    expr: up\n  - record: a\n    expr: up\n    labels:\n      x: y\n", 0)]
    [InlineData("  - alert: A\n    expr: up\n  - alert: A\n    expr: down\n  - alert: A\n    expr: sideways\n", 1)]
    public void Find_RulesWithSameNameAndLabels_ListedOnce(string rules, int expected)
    {
        var file = RuleFileLoader.Parse("groups:\n- name: g\n  rules:\n" + rules, "r.yml").File!;

        Assert.Equal(expected, DuplicateRules.Find(file).Count);
    }

    [Fact]
    public void Describe_Duplicate_UsesPromtoolWording()
    {
        var file = RuleFileLoader.Parse("groups:\n- name: g\n  labels:\n    t: v\n  rules:\n  - record: a\n    expr: up\n  - record: a\n    expr: up\n", "r.yml").File!;

        var text = DuplicateRules.Describe(DuplicateRules.Find(file));

        Assert.Equal("1 duplicate rule(s) found.\nMetric: a\nLabel(s):\n\tt: v\nMight cause inconsistency while recording expressions", text);
    }
}
