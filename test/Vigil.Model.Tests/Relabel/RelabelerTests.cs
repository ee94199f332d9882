using Vigil.Model.Labels;
using Vigil.Model.Relabel;

namespace Vigil.Model.Tests.Relabel;

public sealed class RelabelerTests
{
    /// <summary>Labels in a compact test form: "a=1,b=2" (no commas or '=' inside values).</summary>
    private static LabelSet L(string compact) =>
        compact.Length == 0
            ? LabelSet.Empty
            : LabelSet.From(compact.Split(',').Select(p => p.Split('=', 2)).Select(kv => new Label(kv[0], kv[1])));

    private static RelabelConfig R(RelabelAction action, string sources = "", string regex = "(.*)", string target = "", string replacement = "$1", ulong modulus = 0, string separator = ";") =>
        new()
        {
            Action = action,
            SourceLabels = sources.Length == 0 ? [] : sources.Split(','),
            Regex = regex,
            TargetLabel = target,
            Replacement = replacement,
            Modulus = modulus,
            Separator = separator,
        };

    private static LabelSet? Run(LabelSet input, params RelabelConfig[] rules) =>
        new Relabeler(rules).Process(input, out var result) ? result : null;

    public static TheoryData<string, RelabelConfig, string> ReplaceCases => new()
    {
        // input, rule, expected output
        { "a=foo,b=bar", R(RelabelAction.Replace, "a", "f(.*)", "d", "ch${1}-ch${1}"), "a=foo,b=bar,d=choo-choo" },
        { "a=foo,b=bar", R(RelabelAction.Replace, "a,b", "f(.*);(.*)r", "a", "b${1}${2}m"), "a=boobam,b=bar" },
        { "a=foo", R(RelabelAction.Replace, "a", "o(.*)", "d", "x"), "a=foo" },
        { "a=foo", R(RelabelAction.Replace, "a", "(f).*", "${1}ab", "$1"), "a=foo,fab=f" },
        { "a=foo", R(RelabelAction.Replace, "a", "(f).*", "$1", "$2"), "a=foo" },
        { "a=foo", R(RelabelAction.Replace, "a", "(?P<first>f)(?P<rest>.*)", "x", "${rest}-$first"), "a=foo,x=oo-f" },
        { "a=foo", R(RelabelAction.Replace, "a", "(?P<first>f)(.*)", "x", "$2"), "a=foo,x=oo" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "x", "$1x"), "a=foo" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "x", "${1}x"), "a=foo,x=foox" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "x", "$$1 costs"), "a=foo,x=$1 costs" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "x", "${1"), "a=foo,x=${1" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "x", "$ 1"), "a=foo,x=$ 1" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "x", "$01"), "a=foo" },
        { "a=foo,x=old", R(RelabelAction.Replace, "a", "(.*)", "x", ""), "a=foo" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "$1-bad", "v"), "a=foo" },
        { "a=foo", R(RelabelAction.Replace, "a", "(.*)", "0x", "v"), "a=foo" },
        { "a=foo", R(RelabelAction.Replace, "a", "oo", "x", "v"), "a=foo" },
        { "a=foo", R(RelabelAction.Replace, "", "(.*)", "env", "prod"), "a=foo,env=prod" },
        { "a=foo", R(RelabelAction.Replace, "missing", "(.*)", "a", "$1"), "" },
        { "a=foo\nbar", R(RelabelAction.Replace, "a", "foo.bar", "b", "matched"), "a=foo\nbar,b=matched" },
        { "a=foo,b=bar", R(RelabelAction.Replace, "a,b", "(.*)", "c", "$1", separator: "/"), "a=foo,b=bar,c=foo/bar" },
    };

    [Theory]
    [MemberData(nameof(ReplaceCases))]
    public void Process_Replace_ExpandsAsUpstream(string input, RelabelConfig rule, string expected)
    {
        var wantA = expected.Length == 0 ? LabelSet.Empty : L(expected);
        Assert.Equal(wantA, Run(L(input), rule));
    }

    [Theory]
    [InlineData(RelabelAction.Keep, "f.*", true)]
    [InlineData(RelabelAction.Keep, "f", false)]
    [InlineData(RelabelAction.Keep, "oo", false)]
    [InlineData(RelabelAction.Drop, "f.*", false)]
    [InlineData(RelabelAction.Drop, "o+", true)]
    public void Process_KeepDrop_RegexIsFullyAnchored(RelabelAction action, string regex, bool kept)
    {
        var result = Run(L("a=foo"), R(action, "a", regex));
        Assert.Equal(kept, result is not null);
    }

    [Fact]
    public void Process_KeepOnMissingLabel_MatchesEmptyString()
    {
        Assert.NotNull(Run(L("a=foo"), R(RelabelAction.Keep, "b", "")));
        Assert.Null(Run(L("a=foo"), R(RelabelAction.Keep, "b", ".+")));
    }

    [Theory]
    [InlineData("a=foo,b=foo", RelabelAction.KeepEqual, true)]
    [InlineData("a=foo,b=bar", RelabelAction.KeepEqual, false)]
    [InlineData("a=foo,b=foo", RelabelAction.DropEqual, false)]
    [InlineData("a=foo,b=bar", RelabelAction.DropEqual, true)]
    [InlineData("a=foo", RelabelAction.KeepEqual, false)]
    public void Process_KeepEqualDropEqual_CompareWithTarget(string input, RelabelAction action, bool kept)
    {
        Assert.Equal(kept, Run(L(input), R(action, "a", target: "b")) is not null);
    }

    [Fact]
    public void Process_DropThenLaterRules_StopsAtDrop()
    {
        var result = new Relabeler([R(RelabelAction.Drop, "a", "foo"), R(RelabelAction.Replace, "", target: "x", replacement: "y")])
            .Process(L("a=foo"), out var labels);
        Assert.False(result);
        Assert.Same(LabelSet.Empty, labels);
    }

    [Theory]
    [InlineData("baz", 1000UL, "976")]
    [InlineData("foo\nbar", 1000UL, "734")]
    [InlineData("10.0.0.1:9100", 3UL, "2")]
    [InlineData("héllo", 1099511627776UL, "208301267792")]
    public void Process_HashMod_MatchesUpstreamMd5Sum(string value, ulong modulus, string expected)
    {
        var result = Run(LabelSet.Of("c", value), R(RelabelAction.HashMod, "c", target: "d", modulus: modulus));
        Assert.Equal(expected, result!.Get("d"));
    }

    [Fact]
    public void Process_HashModOfMissingLabel_HashesEmptyString()
    {
        Assert.Equal("1", Run(L("a=x"), R(RelabelAction.HashMod, "c", target: "d", modulus: 7))!.Get("d"));
    }

    [Theory]
    [InlineData(RelabelAction.Lowercase, "FoO-Bär", "foo-bär")]
    [InlineData(RelabelAction.Uppercase, "FoO-Bär", "FOO-BÄR")]
    public void Process_CaseActions_WriteTarget(RelabelAction action, string value, string expected)
    {
        Assert.Equal(expected, Run(LabelSet.Of("a", value), R(action, "a", target: "b"))!.Get("b"));
    }

    [Fact]
    public void Process_LowercaseOfNothing_RemovesTarget()
    {
        Assert.Equal(L("a=x"), Run(L("a=x,b=y"), R(RelabelAction.Lowercase, "missing", target: "b")));
    }

    [Theory]
    [InlineData("__meta_kubernetes_pod_label_app=web,__meta_kubernetes_pod_label_tier=db,job=k", "__meta_kubernetes_pod_label_(.+)", "$1",
        "__meta_kubernetes_pod_label_app=web,__meta_kubernetes_pod_label_tier=db,app=web,job=k,tier=db")]
    [InlineData("a=1,b=2", "(a)", "${1}_copy", "a=1,a_copy=1,b=2")]
    [InlineData("a=1,b=2", "(.*)", "x_$1", "a=1,b=2,x_a=1,x_b=2")]
    public void Process_LabelMap_CopiesMatchingNames(string input, string regex, string replacement, string expected)
    {
        Assert.Equal(L(expected), Run(L(input), R(RelabelAction.LabelMap, regex: regex, replacement: replacement)));
    }

    [Fact]
    public void Process_LabelMapRenamedLabels_AreNotRemappedInSamePass()
    {
        // "a" maps to "aa"; walking live labels would then map "aa" to "aaa".
        Assert.Equal(L("a=1,aa=1"), Run(L("a=1"), R(RelabelAction.LabelMap, regex: "(a+)", replacement: "a$1")));
    }

    [Theory]
    [InlineData(RelabelAction.LabelDrop, "__meta_.*", "a=1,b=2")]
    [InlineData(RelabelAction.LabelDrop, "a|b", "__meta_x=3")]
    [InlineData(RelabelAction.LabelKeep, "a|b", "a=1,b=2")]
    [InlineData(RelabelAction.LabelKeep, "b.*", "b=2")]
    [InlineData(RelabelAction.LabelKeep, "nothing", "")]
    public void Process_LabelDropKeep_FilterByName(RelabelAction action, string regex, string expected)
    {
        Assert.Equal(L(expected), Run(L("a=1,b=2,__meta_x=3"), R(action, regex: regex)));
    }

    [Fact]
    public void Process_ChainOfRules_AppliesInOrder()
    {
        var result = Run(
            L("__address__=10.0.0.1:9100,__meta_env=prod"),
            R(RelabelAction.Replace, "__address__", "([^:]+):.*", "host", "$1"),
            R(RelabelAction.LabelMap, regex: "__meta_(.*)", replacement: "$1"),
            R(RelabelAction.LabelDrop, regex: "__meta_.*"),
            R(RelabelAction.Keep, "env", "prod"));
        Assert.Equal(L("__address__=10.0.0.1:9100,env=prod,host=10.0.0.1"), result);
    }

    [Fact]
    public void Process_NoRules_ReturnsSameInstance()
    {
        var input = L("a=1");
        Assert.True(Relabeler.None.Process(input, out var result));
        Assert.Same(input, result);
    }

    [Fact]
    public void Constructor_InvalidRegex_ThrowsNamingRuleAndPattern()
    {
        var e = Assert.Throws<FormatException>(() => new Relabeler([R(RelabelAction.Keep, "a"), R(RelabelAction.Keep, "a", "(unclosed")]));
        Assert.Contains("relabel rule 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"(unclosed\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LabelNameRules.Legacy, "a=foo")]
    [InlineData(LabelNameRules.Utf8, "a=foo,foo.bar=v")]
    public void Process_TargetNameRules_DecideWhetherDottedNameIsWritten(LabelNameRules rules, string expected)
    {
        var relabeler = new Relabeler([R(RelabelAction.Replace, "a", "(.*)", "${1}.bar", "v")], rules);
        relabeler.Process(L("a=foo"), out var result);
        Assert.Equal(L(expected), result);
    }
}
