namespace Vigil.Templating.Tests;

public sealed class ExecuteTests
{
    private static readonly TemplateSet Set = new(new FunctionMap());

    public static TheoryData<string, string> Cases => new()
    {
        // Text, comments and trimming.
        { "plain text", "plain text" },
        { "a {{/* comment */}}b", "a b" },
        { "a  {{- /* c */ -}}  b", "ab" },
        { "x \n {{- .Receiver -}} \n y", "xteam-xy" },
        { "{{ 1 -}} {{- 2 }}", "12" },
        { "{{- 3 }}", "3" },
        { "a{{\"-\"}}b", "a-b" },
        // Constants.
        { "{{ \"a\\tb\" }}", "a\tb" },
        { "{{ `raw\\n` }}", "raw\\n" },
        { "{{ 'a' }}", "97" },
        { "{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}", "31 15 15 5 1000" },
        { "{{ 1.5 }} {{ 1e3 }} {{ 1.0 }} {{ -2 }} {{ +3 }}", "1.5 1000 1 -2 3" },
        { "{{ true }} {{ false }}", "true false" },
        { "{{ print nil }}", "<nil>" },
        // Fields, methods, maps.
        { "{{ .Receiver }}", "team-x" },
        { "{{ .Nested.Receiver }}", "inner" },
        { "{{ .CommonLabels.job }}", "api" },
        { "{{ .CommonLabels.missing }}", "<no value>" },
        { "{{ .Any.n }} {{ .Any.s }} {{ .Any.nil }}", "1 str <no value>" },
        { "{{ .Shout }}", "HEY" },
        { "{{ .Greet \"bob\" }}", "hello bob" },
        { "{{ \"ann\" | .Greet }}", "hello ann" },
        { "{{ .Alerts.Firing | len }}", "1" },
        { "{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }};{{ end }}", "alertname=HighLatency;job=api;severity=page;" },
        { "{{ (.CommonLabels.Remove .GroupLabels.Names).Names.Join \",\" }}", "job,severity" },
        { "{{ .CommonLabels.Values.Join \" \" }}", "HighLatency api page" },
        { "{{ (index .Alerts 0).Labels.instance }}", "a:9090" },
        { "{{ .Count }} {{ .Ratio }}", "3 0.5" },
        { "{{ .Items }}", "[a b c]" },
        { "{{ .CommonLabels }}", "map[alertname:HighLatency job:api severity:page]" },
        { "{{ (index .Alerts 0).StartsAt }}", "2024-01-02 03:04:05 +0000 UTC" },
        // Variables.
        { "{{ $x := 1 }}{{ $x }}", "1" },
        { "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2" },
        { "{{ $.Receiver }}", "team-x" },
        { "{{ with .Nested }}{{ $.Receiver }}/{{ .Receiver }}{{ end }}", "team-x/inner" },
        { "{{ $a := .Nested }}{{ $a.Receiver }}", "inner" },
        { "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "2" },
        // Conditionals.
        { "{{ if .Receiver }}yes{{ else }}no{{ end }}", "yes" },
        { "{{ if .CommonLabels.missing }}yes{{ else }}no{{ end }}", "no" },
        { "{{ if eq .Status \"resolved\" }}R{{ else if eq .Status \"firing\" }}F{{ else }}?{{ end }}", "F" },
        { "{{ if 0 }}a{{ else if \"\" }}b{{ else }}c{{ end }}", "c" },
        { "{{ with .CommonLabels.job }}job={{ . }}{{ end }}", "job=api" },
        { "{{ with .CommonLabels.zzz }}x{{ else }}none{{ end }}", "none" },
        { "{{ with .CommonLabels.zzz }}x{{ else with .CommonLabels.job }}{{ . }}{{ end }}", "api" },
        // Range.
        { "{{ range .Items }}{{ . }}{{ end }}", "abc" },
        { "{{ range $i, $e := .Items }}{{ $i }}:{{ $e }} {{ end }}", "0:a 1:b 2:c " },
        { "{{ range $k, $v := .CommonLabels }}{{ $k }}={{ $v }},{{ end }}", "alertname=HighLatency,job=api,severity=page," },
        { "{{ range .Alerts.Resolved }}{{ .Labels.instance }}{{ end }}", "b:9090" },
        { "{{ range .Nested.Items }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", "a" },
        { "{{ range .Items }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", "ac" },
        { "{{ range .Alerts.Firing }}{{ .Status }}{{ else }}none{{ end }}", "firing" },
        { "{{ range .CommonAnnotations.nope }}x{{ else }}empty{{ end }}", "empty" },
        { "{{ range 3 }}{{ . }}{{ end }}", "012" },
        { "{{ range $i, $e := .Items }}{{ end }}{{ $.Count }}", "3" },
        // Builtins.
        { "{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" }} {{ or 0 3 }}", "0 2  3" },
        { "{{ not true }} {{ not \"\" }}", "false true" },
        { "{{ len .Items }} {{ len \"héllo\" }} {{ len .CommonLabels }}", "3 6 3" },
        { "{{ index .Items 1 }} {{ index .CommonLabels \"job\" }} {{ index .CommonLabels \"x\" }}", "b api " },
        { "{{ slice .Items 1 }} {{ slice \"abcdef\" 1 3 }}", "[b c] bc" },
        { "{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3" },
        { "{{ println 1 \"a\" }}", "1 a\n" },
        { "{{ printf \"%s-%d-%.2f\" \"x\" 5 3.14159 }}", "x-5-3.14" },
        { "{{ 3 | printf \"%d items\" }}", "3 items" },
        { "{{ html \"<a href='x'>&\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;" },
        { "{{ js \"it's <b>\" }}", "it\\'s \\u003Cb\\u003E" },
        { "{{ urlquery \"a b&c=d/é\" }}", "a+b%26c%3Dd%2F%C3%A9" },
        { "{{ eq 1 1 }} {{ eq 1 2 3 1 }} {{ eq \"a\" \"b\" }} {{ ne 1 2 }}", "true true false true" },
        { "{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 0.5 }} {{ ge \"b\" \"a\" }}", "true true true true" },
        { "{{ eq .CommonLabels.none \"x\" }}", "false" },
        { "{{ call .Add 2 3 }}", "5" },
        { "{{ (print \"a\" \"b\") }}", "ab" },
        // Templates.
        { "{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" .Receiver }}", "[team-x]" },
        { "{{ define \"u\" }}u{{ end }}{{ template \"u\" }}", "u" },
        { "{{ block \"b\" .Count }}<{{ . }}>{{ end }}", "<3>" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExecuteText_Table_MatchesGo(string template, string expected)
    {
        Assert.Equal(expected, Set.Clone().ExecuteText(template, TestData.Sample()));
    }

    [Fact]
    public void ExecuteText_MissingKeyZero_PrintsEmptyForStringMaps()
    {
        var set = new TemplateSet(new FunctionMap()).Option("missingkey=zero");
        Assert.Equal("[]", set.ExecuteText("[{{ .CommonLabels.nope }}]", TestData.Sample()));
    }

    [Fact]
    public void ExecuteText_MissingKeyError_Throws()
    {
        var set = new TemplateSet(new FunctionMap()).Option("missingkey=error");
        var e = Assert.Throws<TemplateExecutionException>(() => set.ExecuteText("{{ .CommonLabels.nope }}", TestData.Sample()));
        Assert.Equal("template: :1:16: executing \"\" at <.CommonLabels.nope>: map has no entry for key \"nope\"", e.Message);
    }

    [Fact]
    public void Execute_DefinedTemplates_CallEachOther()
    {
        var set = new TemplateSet(new FunctionMap());
        set.Parse("file.tmpl", "{{ define \"a\" }}A{{ template \"b\" . }}{{ end }}{{ define \"b\" }}B{{ .Receiver }}{{ end }}");
        Assert.True(set.Has("a"));
        Assert.Equal("ABteam-x", set.Execute("a", TestData.Sample()));
        Assert.Equal("ABteam-x!", set.ExecuteText("{{ template \"a\" . }}!", TestData.Sample()));
    }

    [Fact]
    public void Parse_EmptyRedefinition_KeepsExisting()
    {
        var set = new TemplateSet(new FunctionMap());
        set.Parse("x", "{{ define \"a\" }}A{{ end }}");
        set.Parse("y", "{{ define \"a\" }} {{ end }}");
        Assert.Equal("A", set.Execute("a", null));
    }

    [Fact]
    public void Clone_LaterParse_DoesNotAffectOriginal()
    {
        var set = new TemplateSet(new FunctionMap());
        set.Parse("a", "A");
        var clone = set.Clone();
        clone.Parse("b", "B");
        Assert.False(set.Has("b"));
        Assert.True(clone.Has("a"));
    }

    [Fact]
    public void ExecuteText_FunctionOverrides_TakePrecedence()
    {
        var functions = new FunctionMap().Add("who", () => "placeholder");
        var set = new TemplateSet(functions);
        var overrides = new FunctionMap().Add("who", () => "real");
        Assert.Equal("real", set.ExecuteText("{{ who }}", null, overrides));
        Assert.Equal("placeholder", set.ExecuteText("{{ who }}", null));
    }
}
