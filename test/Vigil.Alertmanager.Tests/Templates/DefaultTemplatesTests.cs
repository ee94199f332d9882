using Vigil.Alertmanager.Templates;
using Vigil.Alertmanager.Tests.Receivers;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Templates;

/// <summary>
/// Our default templates against the output Alertmanager's defaults produce for the same data
/// (expected strings worked out from upstream's template semantics).
/// </summary>
public sealed class DefaultTemplatesTests
{
    private static readonly NotificationTemplates Templates = NotificationTemplates.Load([], "http://am.example:9093", TimeProvider.System);

    private static TemplateData TwoFiring(string receiver = "slack-notifier") =>
        TemplateData.Create(receiver, LabelSet.Of("alertname", "InstanceDown"), [Samples.Firing("a:9100"), Samples.Firing("b:9100")], "http://am.example:9093", Samples.Now);

    private static TemplateData OneResolved() =>
        TemplateData.Create("slack-notifier", LabelSet.Of("alertname", "InstanceDown"), [Samples.Resolved("a:9100")], "http://am.example:9093", Samples.Now);

    public static TheoryData<string, string> SeedFields => new()
    {
        { "[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}", "[FIRING] InstanceDown" },
        { "*Description:* {{ .CommonAnnotations.description }}", "*Description:* " },
        { "{{ range .Alerts }}{{ .Labels.instance }} {{ end }}", "a:9100 b:9100 " },
        { "{{ .GroupLabels.Values.Join \":\" }}", "InstanceDown" },
        { "{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }}", "2/0" },
        { "{{ .CommonLabels.SortedPairs }}", "alertname=InstanceDown, job=node, severity=critical" },
    };

    [Theory]
    [MemberData(nameof(SeedFields))]
    public void Render_UserTemplates_WorkUnchanged(string text, string expected) =>
        Assert.Equal(expected, Templates.Render(text, TwoFiring()));

    [Fact]
    public void SlackDefaultTitle_TwoFiring_SubjectWithCountAndOtherCommonLabels() =>
        Assert.Equal("[FIRING:2] InstanceDown (node critical)", Templates.Execute("slack.default.title", TwoFiring()));

    [Fact]
    public void SlackDefaultTitle_Resolved_NoCount() =>
        Assert.Equal("[RESOLVED] InstanceDown (a:9100 node critical)", Templates.Execute("slack.default.title", OneResolved()));

    [Fact]
    public void SlackDefaultFallback_IsTitleAndLink() =>
        Assert.Equal("[FIRING:2] InstanceDown (node critical) | http://am.example:9093/#/alerts?receiver=slack-notifier",
            Templates.Execute("slack.default.fallback", TwoFiring()));

    [Fact]
    public void AlertmanagerUrl_ReceiverIsQueryEscaped() =>
        Assert.Equal("http://am.example:9093/#/alerts?receiver=team%5C.a", Templates.Execute("__alertmanagerURL", TwoFiring("team.a")));

    [Theory]
    [InlineData("slack.default.username", "Alertmanager")]
    [InlineData("slack.default.color", "danger")]
    [InlineData("slack.default.text", "")]
    [InlineData("slack.default.pretext", "")]
    [InlineData("slack.default.footer", "")]
    [InlineData("slack.default.callbackid", "")]
    [InlineData("slack.default.iconemoji", "")]
    [InlineData("slack.default.iconurl", "")]
    public void SlackDefaults_Table(string name, string expected) =>
        Assert.Equal(expected, Templates.Execute(name, TwoFiring()));

    [Fact]
    public void TextAlertList_OneAlert_LabelsAnnotationsSource()
    {
        var data = TemplateData.Create("r", LabelSet.Empty, [Samples.Firing("a:9100")], "", Samples.Now);

        var text = Templates.Render("{{ template \"__text_alert_list\" .Alerts }}", data);

        Assert.Equal(
            "Labels:\n - alertname = InstanceDown\n - instance = a:9100\n - job = node\n - severity = critical\n" +
            "Annotations:\n - description = a:9100 of job node has been down for more than 1 minute.\n - title = Instance a:9100 down\n" +
            "Source: http://prometheus:9090/graph?g0.expr=up+%3D%3D+0\n",
            text);
    }

    [Fact]
    public void TextAlertListMarkdown_OneAlert_BlankLinesAndTwoSpaceIndent()
    {
        var data = TemplateData.Create("r", LabelSet.Empty, [Samples.Firing("a:9100") with { Annotations = LabelSet.Of("summary", "s") }], "", Samples.Now);

        var text = Templates.Render("{{ template \"__text_alert_list_markdown\" .Alerts }}", data);

        Assert.Equal(
            "\nLabels:\n  - alertname = InstanceDown\n  - instance = a:9100\n  - job = node\n  - severity = critical\n" +
            "\nAnnotations:\n  - summary = s\n\nSource: http://prometheus:9090/graph?g0.expr=up+%3D%3D+0\n\n",
            text);
    }

    [Fact]
    public void OpsgenieDescription_FiringOnly_TightSections()
    {
        var data = TemplateData.Create("r", LabelSet.Empty, [Samples.Firing("a:9100") with { Annotations = LabelSet.Of("summary", "s") }], "", Samples.Now);

        var text = Templates.Execute("opsgenie.default.description", data);

        Assert.Equal("s\nAlerts Firing:\nLabels:\n - alertname = InstanceDown\n - instance = a:9100\n - job = node\n - severity = critical\n" +
            "Annotations:\n - summary = s\nSource: http://prometheus:9090/graph?g0.expr=up+%3D%3D+0\n\n", text);
    }

    [Fact]
    public void PushoverMessage_FiringOnly_LooseSections()
    {
        var data = TemplateData.Create("r", LabelSet.Empty, [Samples.Firing("a:9100") with { Annotations = LabelSet.Of("summary", "s"), GeneratorUrl = "g" }], "", Samples.Now);

        var text = Templates.Execute("pushover.default.message", data);

        Assert.Equal("s\n\nAlerts Firing:\nLabels:\n - alertname = InstanceDown\n - instance = a:9100\n - job = node\n - severity = critical\n" +
            "Annotations:\n - summary = s\nSource: g\n\n\n\n", text);
    }

    [Theory]
    [InlineData("warning,critical", "", "High")]
    [InlineData("info,warning", "", "Medium")]
    [InlineData("info", "", "Low")]
    [InlineData("", "warning", "Medium")]
    [InlineData("none", "critical", "High")]
    [InlineData("none", "", "")]
    public void JiraPriority_FromSeverities_FiringFirstThenResolved(string firing, string resolved, string expected)
    {
        var alerts = Split(firing).Select((s, i) => Samples.Firing($"f{i}") with { Labels = LabelSet.Of("alertname", "A", "instance", $"f{i}", "severity", s) })
            .Concat(Split(resolved).Select((s, i) => Samples.Resolved($"r{i}") with { Labels = LabelSet.Of("alertname", "A", "instance", $"r{i}", "severity", s) }))
            .ToList();
        var data = TemplateData.Create("r", LabelSet.Empty, alerts, "", Samples.Now);

        Assert.Equal(expected, Templates.Execute("jira.default.priority", data));
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');

    [Fact]
    public void Load_UserFileRedefinesDefault_UserWins()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "a.tmpl"), "{{ define \"slack.default.title\" }}custom {{ .Status }}{{ end }}");
        File.WriteAllText(Path.Combine(dir.FullName, "ignored.txt"), "{{ define \"slack.default.title\" }}wrong{{ end }}");

        var templates = NotificationTemplates.Load([Path.Combine(dir.FullName, "*.tmpl"), "/nonexistent/*.tmpl"], "", TimeProvider.System);

        Assert.Equal("custom firing", templates.Execute("slack.default.title", TwoFiring()));
    }

    [Fact]
    public void Load_FileDoesNotParse_NamesTheFile()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "bad.tmpl"), "{{ define \"x\" }}{{ .Status ");

        var ex = Assert.Throws<NotificationTemplateException>(() => NotificationTemplates.Load([Path.Combine(dir.FullName, "*.tmpl")], "", TimeProvider.System));

        Assert.StartsWith("template file bad.tmpl: ", ex.Message, StringComparison.Ordinal);
    }
}
