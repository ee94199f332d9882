using Microsoft.Extensions.Time.Testing;
using Vigil.Templating.Functions;

namespace Vigil.Templating.Tests;

public sealed class AlertmanagerFunctionsTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.Zero));
    private static readonly TemplateSet Set = new TemplateSet(AlertmanagerFunctions.Create(Clock)).Option("missingkey=zero");

    public static TheoryData<string, string> Cases => new()
    {
        { "{{ toUpper \"abc\" }} {{ toLower \"ABC\" }}", "ABC abc" },
        { "{{ title \"hello wORLD o'neil foo-bar\" }}", "Hello World O'neil Foo-Bar" },
        { "[{{ trimSpace \"  x \\n\" }}]", "[x]" },
        { "{{ join \", \" .Items }}", "a, b, c" },
        { "{{ .GroupLabels.Names | join \"+\" }}", "alertname" },
        { "{{ stringSlice \"a\" \"b\" | join \"-\" }}", "a-b" },
        { "{{ match \"^High\" .CommonLabels.alertname }} {{ match \"x\" \"y\" }}", "true false" },
        { "{{ reReplaceAll \"(\\\\w+):(\\\\d+)\" \"$2/$1\" \"host:9090\" }}", "9090/host" },
        { "{{ reReplaceAll \"(?P<h>[a-z]+)\\\\.example\" \"${h}!\" \"db.example.com\" }}", "db!.com" },
        { "{{ reReplaceAll \"(a)(b)\" \"$1x$2\" \"ab\" }}", "b" },
        { "{{ reReplaceAll \"a\" \"$$\" \"banana\" }}", "b$n$n$" },
        { "{{ safeHtml \"<b>\" }} {{ safeUrl \"http://x\" }}", "<b> http://x" },
        { "{{ urlUnescape \"a%20b+c\" }}", "a b c" },
        { "{{ date \"2006-01-02 15:04\" (index .Alerts 0).StartsAt }}", "2024-01-02 03:04" },
        { "{{ (index .Alerts 0).StartsAt.Format \"Jan 2 15:04\" }}", "Jan 2 03:04" },
        { "{{ since (index .Alerts 0).StartsAt }}", "1h0m0s" },
        { "{{ since (index .Alerts 0).StartsAt | humanizeDuration }}", "1h 0m 0s" },
        { "{{ now }}", "2024-01-02 04:04:05 +0000 UTC" },
        { "{{ humanizeDuration 90 }} {{ humanizeDuration 0.25 }} {{ humanizeDuration \"3600\" }}", "1m 30s 250ms 1h 0m 0s" },
        { "{{ toDate \"2006-01-02\" \"2024-05-06\" }}", "2024-05-06 00:00:00 +0000 UTC" },
        { "{{ toDate \"2006-01-02\" \"garbage\" }}", "0001-01-01 00:00:00 +0000 UTC" },
        { "{{ toJson .CommonLabels }}", "{\"alertname\":\"HighLatency\",\"job\":\"api\",\"severity\":\"page\"}" },
        { "{{ toJson (list 1 \"a<b\" 1.5 true nil) }}", "[1,\"a\\u003cb\",1.5,true,null]" },
        { "{{ base64encode \"hello?\" }} {{ base64decode \"aGVsbG8_\" }}", "aGVsbG8_ hello?" },
        { "{{ list \"a\" 1 }}", "[a 1]" },
        { "{{ append (list \"a\") \"b\" \"c\" }}", "[a b c]" },
        { "{{ $d := dict \"k\" \"v\" \"n\" 2 }}{{ $d.k }} {{ $d.n }} {{ index $d \"k\" }}", "v 2 v" },
        { "{{ routeLabels \"x\" }}", "" },
        { "{{ .CommonLabels.nope }}|{{ .Any.nope }}", "|<no value>" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExecuteText_Functions_MatchAlertmanager(string template, string expected)
    {
        Assert.Equal(expected, Set.ExecuteText(template, TestData.Sample()));
    }

    [Theory]
    [InlineData("{{ dict \"a\" }}", "error calling dict: dict requires an even number of arguments")]
    [InlineData("{{ dict 1 2 }}", "error calling dict: dict keys must be strings")]
    [InlineData("{{ mustToDate \"2006-01-02\" \"x\" }}", "error calling mustToDate: parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\"")]
    [InlineData("{{ tz \"Nowhere/Place\" now }}", "error calling tz: unknown time zone Nowhere/Place")]
    [InlineData("{{ join \",\" }}", "wrong number of args for join: want 2 got 1")]
    public void ExecuteText_FunctionErrors_ReportGoMessages(string template, string expectedSuffix)
    {
        var e = Assert.Throws<TemplateExecutionException>(() => Set.ExecuteText(template, TestData.Sample()));
        Assert.EndsWith(expectedSuffix, e.Message);
    }

    [Fact]
    public void Tz_KnownZone_ShiftsOffset()
    {
        var text = Set.ExecuteText("{{ (tz \"Europe/Berlin\" (index .Alerts 0).StartsAt).Format \"15:04 -0700\" }}", TestData.Sample());
        Assert.Equal("04:04 +0100", text);
    }

    [Theory]
    [InlineData("{{ (index .Alerts 0).StartsAt | tz \"Europe/Berlin\" | date \"15:04 MST\" }}", "04:04 CET")]
    [InlineData("{{ tz \"Europe/Berlin\" (index .Alerts 0).StartsAt }}", "2024-01-02 04:04:05 +0100 CET")]
    [InlineData("{{ (tz \"America/New_York\" (index .Alerts 0).StartsAt).Format \"Jan 2 3:04PM MST\" }}", "Jan 1 10:04PM EST")]
    [InlineData("{{ since (tz \"Asia/Tokyo\" (index .Alerts 0).StartsAt) }}", "1h0m0s")]
    [InlineData("{{ toJson (tz \"UTC\" (index .Alerts 0).StartsAt) }}", "\"2024-01-02T03:04:05Z\"")]
    public void Tz_ZoneAbbreviation_PrintsLikeGo(string template, string expected)
    {
        Assert.Equal(expected, Set.ExecuteText(template, TestData.Sample()));
    }
}
