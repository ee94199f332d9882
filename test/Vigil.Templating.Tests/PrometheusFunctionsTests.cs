using Vigil.Templating.Functions;

namespace Vigil.Templating.Tests;

public sealed class PrometheusFunctionsTests
{
    private static readonly DateTimeOffset EvalTime = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    private static TemplateSet CreateSet()
    {
        IReadOnlyList<TemplateSample> Query(string q, DateTimeOffset at) =>
        [
            new(new Dictionary<string, string> { ["instance"] = "b:9100", ["job"] = "node" }, 2.5),
            new(new Dictionary<string, string> { ["instance"] = "a:9100", ["job"] = "node", ["__value__"] = "raw" }, 1234567.0),
        ];
        return new TemplateSet(PrometheusFunctions.Create(Query, "http://prom.example:9090/sub/path", EvalTime)).Option("missingkey=zero");
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "{{ humanize 1234567 }} {{ humanize 0 }} {{ humanize 0.001234 }} {{ humanize 1000 }} {{ humanize -1500 }}", "1.235M 0 1.234m 1k -1.5k" },
        { "{{ humanize \"2048\" }} {{ humanize 1e30 }}", "2.048k 1e+06Y" },
        { "{{ humanize1024 1048576 }} {{ humanize1024 1 }} {{ humanize1024 1536 }}", "1Mi 1 1.5ki" },
        { "{{ humanizeDuration 90 }} {{ humanizeDuration 93784 }} {{ humanizeDuration 3.5 }} {{ humanizeDuration 0.0015 }} {{ humanizeDuration -90 }} {{ humanizeDuration 0 }}", "1m 30s 1d 2h 3m 4s 3.5s 1.5ms -1m 30s 0s" },
        { "{{ humanizePercentage 0.1234 }} {{ humanizePercentage 1 }}", "12.34% 100%" },
        { "{{ humanizeTimestamp 1435065584.128 }}", "2015-06-23 13:19:44.128 +0000 UTC" },
        { "{{ toTime 1435065584 }}", "2015-06-23 13:19:44 +0000 UTC" },
        { "{{ toDuration 90.5 }}", "1m30.5s" },
        { "{{ parseDuration \"1h30m\" }} {{ parseDuration \"-5m\" }}", "5400 -300" },
        { "{{ title \"hello wORLD\" }} {{ toUpper \"a\" }} {{ toLower \"B\" }}", "Hello WORLD A b" },
        { "{{ stripPort \"host:9090\" }} {{ stripPort \"[::1]:80\" }} {{ stripPort \"host\" }}", "host ::1 host" },
        { "{{ stripDomain \"node.example.com:9100\" }} {{ stripDomain \"node.example.com\" }} {{ stripDomain \"10.0.0.1:9100\" }}", "node:9100 node 10.0.0.1:9100" },
        { "{{ graphLink \"up == 0\" }} {{ tableLink \"up\" }}", "/graph?g0.expr=up+%3D%3D+0&g0.tab=0 /graph?g0.expr=up&g0.tab=1" },
        { "{{ externalURL }} {{ pathPrefix }}", "http://prom.example:9090/sub/path /sub/path" },
        { "{{ now }}", "1.700000000123e+09" },
        { "{{ with query \"up\" }}{{ . | len }}{{ end }}", "2" },
        { "{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }}={{ .Value }} {{ end }}", "a:9100=1.234567e+06 b:9100=2.5 " },
        { "{{ with query \"up\" }}{{ . | first | label \"instance\" }} {{ . | first | value | humanize }}{{ end }}", "b:9100 2.5" },
        { "{{ query \"up\" | sortByLabel \"instance\" | first | strvalue }}", "raw" },
        { "{{ $a := args 1 \"x\" }}{{ $a.arg0 }} {{ $a.arg1 }}", "1 x" },
        { "{{ reReplaceAll \"(.*):.*\" \"$1\" \"host:1\" }} {{ match \"a+\" \"caab\" }} {{ urlQueryEscape \"a b\" }}", "host true a+b" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExecuteText_Functions_MatchPrometheus(string template, string expected)
    {
        Assert.Equal(expected, CreateSet().ExecuteText(template, null));
    }

    [Theory]
    [InlineData("{{ humanize \"abc\" }}", "error calling humanize: strconv.ParseFloat: parsing \"abc\": invalid syntax")]
    [InlineData("{{ humanize true }}", "error calling humanize: can't convert bool to float")]
    [InlineData("{{ query \"x\" | sortByLabel \"a\" | len | printf \"%d\" }}{{ first (slice (query \"x\") 0 0) }}", "error calling first: first() called on vector with no elements")]
    public void ExecuteText_FunctionErrors_ReportGoMessages(string template, string expectedSuffix)
    {
        var e = Assert.Throws<TemplateExecutionException>(() => CreateSet().ExecuteText(template, null));
        Assert.EndsWith(expectedSuffix, e.Message);
    }
}

public sealed class AlertTemplateDataTests
{
    [Fact]
    public void ExecuteText_WithPrefix_DefinesPrometheusVariables()
    {
        var set = new TemplateSet(PrometheusFunctions.Create(null, "http://prom", DateTimeOffset.UnixEpoch)).Option("missingkey=zero");
        var data = new AlertTemplateData(
            new Dictionary<string, string> { ["instance"] = "a:9100" },
            new Dictionary<string, string> { ["cluster"] = "eu" },
            "http://prom",
            0.123456);
        var text = set.ExecuteText(AlertTemplateData.Prefix + "{{ $labels.instance }} in {{ $externalLabels.cluster }}: {{ $value | humanizePercentage }} {{ $labels.nope }}|{{ $externalURL }}", data);
        Assert.Equal("a:9100 in eu: 12.35% |http://prom", text);
    }
}
