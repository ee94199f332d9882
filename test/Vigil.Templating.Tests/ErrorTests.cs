namespace Vigil.Templating.Tests;

public sealed class ErrorTests
{
    public static TheoryData<string, string> ParseCases => new()
    {
        { "{{ .Foo }", "template: t:1: unexpected \"}\" in operand" },
        { "{{ if .X }}a", "template: t:1: unexpected EOF" },
        { "{{ end }}", "template: t:1: unexpected {{end}}" },
        { "{{ else }}", "template: t:1: unexpected {{else}}" },
        { "{{ nofunc 1 }}", "template: t:1: function \"nofunc\" not defined" },
        { "{{ $x }}", "template: t:1: undefined variable \"$x\"" },
        { "{{ with $x := 1 }}{{ end }}{{ $x }}", "template: t:1: undefined variable \"$x\"" },
        { "{{ \"abc }}", "template: t:1: unterminated quoted string" },
        { "{{ 1x }}", "template: t:1: bad number syntax: \"1x\"" },
        { "{{/* x }}", "template: t:1: unclosed comment" },
        { "{{/* x */ .X }}", "template: t:1: comment ends before closing delimiter" },
        { "{{ }}", "template: t:1: missing value for command" },
        { "{{ if }}{{ end }}", "template: t:1: missing value for if" },
        { "{{ break }}", "template: t:1: {{break}} outside {{range}}" },
        { "{{ .X | 1 }}", "template: t:1: non executable command in pipeline stage 2" },
        { "{{ \"a\".X }}", "template: t:1: unexpected . after term \"\\\"a\\\"\"" },
        { "{{ define \"a\" }}x", "template: t:1: unexpected EOF" },
        { "{{ template .X }}", "template: t:1: unexpected \".X\" in template clause" },
        { "a\nb\n{{ .X }", "template: t:3: unexpected \"}\" in operand" },
        { "{{ ( }}", "template: t:1: unclosed left paren" },
        { "{{ ) }}", "template: t:1: unexpected right paren" },
        { "{{ range $i, $j, $k := .X }}{{ end }}", "template: t:1: too many declarations in range" },
        { "{{ with $x, $y := 1 }}{{ end }}", "template: t:1: too many declarations in with" },
        { "{{ # }}", "template: t:1: unexpected \"#\" in command" },
        { "{{ .X\n", "template: t:2: unclosed action started at t:1" },
        { "{{ if 1 }}{{ else }}{{ else }}{{ end }}", "template: t:1: expected end; found {{else}}" },
        { "{{ 'ab' }}", "template: t:1: malformed character constant: 'ab'" },
        { "{{ 99999999999999999999 }}", "template: t:1: integer overflow: \"99999999999999999999\"" },
    };

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Parse_Invalid_ThrowsGoMessage(string text, string expected)
    {
        var set = new TemplateSet(new FunctionMap());
        var e = Assert.Throws<TemplateParseException>(() => set.Parse("t", text));
        Assert.Equal(expected, e.Message);
        Assert.Equal("t", e.TemplateName);
    }

    [Fact]
    public void Parse_ErrorOnLaterLine_ReportsLineAndColumn()
    {
        var set = new TemplateSet(new FunctionMap());
        var e = Assert.Throws<TemplateParseException>(() => set.Parse("slack.title", "ok\n  {{ .A }"));
        Assert.Equal(2, e.Line);
        Assert.Equal(8, e.Column);
    }

    public static TheoryData<string, string> ExecCases => new()
    {
        { "{{ .Nope }}", "template: t:1:3: executing \"t\" at <.Nope>: can't evaluate field Nope in type TestData" },
        { "{{ index .Items 5 }}", "template: t:1:3: executing \"t\" at <index .Items 5>: error calling index: index out of range: 5" },
        { "{{ template \"zz\" }}", "template: t:1:12: executing \"t\" at <{{template \"zz\"}}>: template \"zz\" not defined" },
        { "{{ len 3 }}", "template: t:1:3: executing \"t\" at <len 3>: error calling len: len of type int" },
        { "{{ .Receiver.X }}", "template: t:1:12: executing \"t\" at <.Receiver.X>: can't evaluate field X in type string" },
        { "{{ lt 1 \"a\" }}", "template: t:1:3: executing \"t\" at <lt 1 \"a\">: error calling lt: incompatible types for comparison" },
        { "{{ eq 1.5 1 }}", "template: t:1:3: executing \"t\" at <eq 1.5 1>: error calling eq: incompatible types for comparison" },
        { "{{ lt true false }}", "template: t:1:3: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison" },
        { "{{ nil }}", "template: t:1:3: executing \"t\" at <nil>: nil is not a command" },
        { "{{ 1 2 }}", "template: t:1:3: executing \"t\" at <1>: can't give argument to non-function 1" },
        { "{{ .Greet 1 }}", "template: t:1:10: executing \"t\" at <1>: expected string; found 1" },
        { "{{ .Greet }}", "template: t:1:3: executing \"t\" at <.Greet>: wrong number of args for Greet: want 1 got 0" },
        { "{{ printf 1 }}", "template: t:1:10: executing \"t\" at <1>: expected string; found 1" },
        { "{{ printf .Count }}", "template: t:1:10: executing \"t\" at <.Count>: wrong type for value; expected string; got int" },
        { "{{ range .Receiver }}{{ end }}", "template: t:1:9: executing \"t\" at <.Receiver>: range can't iterate over team-x" },
        { "{{ .Receiver 1 }}", "template: t:1:3: executing \"t\" at <.Receiver>: Receiver has arguments but cannot be invoked as function" },
        { "{{ .CommonLabels.job 1 }}", "template: t:1:16: executing \"t\" at <.CommonLabels.job>: job is not a method but has arguments" },
        { "{{ and }}", "template: t:1:3: executing \"t\" at <and>: wrong number of args for and: want at least 1 got 0" },
        { "line1\n  {{ .Nope }}", "template: t:2:5: executing \"t\" at <.Nope>: can't evaluate field Nope in type TestData" },
        { "{{ printf \"%s\" .Nope.Deeper.AndDeeper }}", "template: t:1:20: executing \"t\" at <.Nope.Deeper.AndDeep...>: can't evaluate field Nope in type TestData" },
        { "{{ call .Receiver }}", "template: t:1:3: executing \"t\" at <call .Receiver>: error calling call: non-function .Receiver of type string" },
        { "{{ slice .Items 2 1 }}", "template: t:1:3: executing \"t\" at <slice .Items 2 1>: error calling slice: invalid slice index: 2 > 1" },
    };

    [Theory]
    [MemberData(nameof(ExecCases))]
    public void Execute_Failing_ThrowsGoMessage(string text, string expected)
    {
        var set = new TemplateSet(new FunctionMap());
        set.Parse("t", text);
        var e = Assert.Throws<TemplateExecutionException>(() => set.Execute("t", TestData.Sample()));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void ExecuteText_Failing_UsesEmptyTemplateName()
    {
        var set = new TemplateSet(new FunctionMap());
        var e = Assert.Throws<TemplateExecutionException>(() => set.ExecuteText("{{ .Nope }}", TestData.Sample()));
        Assert.Equal("template: :1:3: executing \"\" at <.Nope>: can't evaluate field Nope in type TestData", e.Message);
        Assert.Equal("", e.TemplateName);
        Assert.Equal(1, e.Line);
        Assert.Equal(3, e.Column);
    }

    [Fact]
    public void Execute_ErrorInsideDefinedTemplate_NamesItAndItsFile()
    {
        var set = new TemplateSet(new FunctionMap());
        set.Parse("file.tmpl", "{{ define \"inner\" }}\n{{ .Nope }}{{ end }}");
        var e = Assert.Throws<TemplateExecutionException>(() => set.ExecuteText("{{ template \"inner\" . }}", TestData.Sample()));
        Assert.Equal("template: file.tmpl:2:3: executing \"inner\" at <.Nope>: can't evaluate field Nope in type TestData", e.Message);
    }

    [Fact]
    public void Execute_FunctionThrows_WrapsAsErrorCalling()
    {
        var set = new TemplateSet(new FunctionMap().Add("boom", (Func<string>)(() => throw new InvalidOperationException("kaput"))));
        var e = Assert.Throws<TemplateExecutionException>(() => set.ExecuteText("{{ boom }}", null));
        Assert.Equal("template: :1:3: executing \"\" at <boom>: error calling boom: kaput", e.Message);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    [Fact]
    public void Execute_UnknownTemplate_Throws()
    {
        var set = new TemplateSet(new FunctionMap());
        Assert.Throws<TemplateExecutionException>(() => set.Execute("missing", null));
    }
}

public sealed class LimitTests
{
    [Fact]
    public void Execute_InfiniteRecursion_FailsWithDepthError()
    {
        var set = new TemplateSet(new FunctionMap());
        set.Parse("r", "{{ define \"loop\" }}x{{ template \"loop\" . }}{{ end }}");
        var e = Assert.Throws<TemplateExecutionException>(() => set.Execute("loop", null));
        Assert.Contains("exceeded maximum template depth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedParens_FailsCleanly()
    {
        var text = "{{ " + new string('(', 50_000) + "1" + new string(')', 50_000) + " }}";
        var set = new TemplateSet(new FunctionMap());
        var e = Assert.Throws<TemplateParseException>(() => set.Parse("deep", text));
        Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
    }
}
