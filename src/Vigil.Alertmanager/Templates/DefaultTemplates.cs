namespace Vigil.Alertmanager.Templates;

/// <summary>
/// Vigil's built-in notification templates. They define the same template names as
/// Alertmanager's defaults (<c>__subject</c>, <c>slack.default.title</c>, ...) and render the same
/// text, so configs and custom templates that name them keep working. The text is our own: shared
/// pieces are factored into <c>vigil.*</c> helpers that the integration-specific names compose.
/// </summary>
public static class DefaultTemplates
{
    /// <summary>The pseudo file name used in messages about the built-in templates.</summary>
    public const string FileName = "<vigil default templates>";

    /// <summary>The template source.</summary>
    public const string Text = Shared + Slack + Others;

    // Shared building blocks. "__subject" is what most integrations use as a title:
    // "[FIRING:2] <group label values> (<other common label values>)".
    private const string Shared = """
        {{ define "__alertmanager" }}Alertmanager{{ end }}
        {{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}{{ end }}
        {{ define "__subject" }}[{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}] {{ join " " .GroupLabels.Values }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ join " " .Values }}{{ end }}){{ end }}{{ end }}
        {{ define "__description" }}{{ end }}
        {{ define "vigil.pairs" }}{{ range $p := . }} - {{ $p.Name }} = {{ $p.Value }}
        {{ end }}{{ end }}
        {{ define "vigil.pairs_markdown" }}{{ range $p := . }}  - {{ $p.Name }} = {{ $p.Value }}
        {{ end }}{{ end }}
        {{ define "__text_alert_list" }}{{ range $a := . }}Labels:
        {{ template "vigil.pairs" $a.Labels.SortedPairs }}Annotations:
        {{ template "vigil.pairs" $a.Annotations.SortedPairs }}Source: {{ $a.GeneratorURL }}
        {{ end }}{{ end }}
        {{ define "__text_alert_list_markdown" }}{{ range $a := . }}
        Labels:
        {{ template "vigil.pairs_markdown" $a.Labels.SortedPairs }}
        Annotations:
        {{ template "vigil.pairs_markdown" $a.Annotations.SortedPairs }}
        Source: {{ $a.GeneratorURL }}
        {{ end }}
        {{ end }}
        {{ define "vigil.common_annotations" }}{{ join " " .CommonAnnotations.Values }}{{ end }}
        {{ define "vigil.sections_tight" }}{{ with .Alerts.Firing }}Alerts Firing:
        {{ template "__text_alert_list" . }}{{ end }}
        {{ with .Alerts.Resolved }}Alerts Resolved:
        {{ template "__text_alert_list" . }}{{ end }}{{ end }}
        {{ define "vigil.sections_loose" }}{{ with .Alerts.Firing }}
        Alerts Firing:
        {{ template "__text_alert_list" . }}
        {{ end }}
        {{ with .Alerts.Resolved }}
        Alerts Resolved:
        {{ template "__text_alert_list" . }}
        {{ end }}
        {{ end }}
        {{ define "vigil.sections_markdown" }}
        {{ with .Alerts.Firing }}
        # Alerts Firing:
        {{ template "__text_alert_list_markdown" . }}
        {{ end }}
        {{ with .Alerts.Resolved }}
        # Alerts Resolved:
        {{ template "__text_alert_list_markdown" . }}
        {{ end }}
        {{ end }}

        """;

    private const string Slack = """
        {{ define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
        {{ define "slack.default.callbackid" }}{{ end }}
        {{ define "slack.default.pretext" }}{{ end }}
        {{ define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "slack.default.iconemoji" }}{{ end }}
        {{ define "slack.default.iconurl" }}{{ end }}
        {{ define "slack.default.text" }}{{ end }}
        {{ define "slack.default.footer" }}{{ end }}
        {{ define "slack.default.color" }}{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}{{ end }}

        """;

    // Other integrations are not delivered yet, but their default names are defined so that
    // custom templates written against Alertmanager's defaults parse and render the same.
    private const string Others = """
        {{ define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
        {{ define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}
        {{ define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
        {{ define "opsgenie.default.description" }}{{ template "vigil.common_annotations" . }}
        {{ template "vigil.sections_tight" . }}{{ end }}
        {{ define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "wechat.default.message" }}{{ template "__subject" . }}
        {{ template "vigil.common_annotations" . }}
        {{ template "vigil.sections_tight" . }}
        AlertmanagerUrl:
        {{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "wechat.default.to_user" }}{{ end }}
        {{ define "wechat.default.to_party" }}{{ end }}
        {{ define "wechat.default.to_tag" }}{{ end }}
        {{ define "wechat.default.agent_id" }}{{ end }}
        {{ define "victorops.default.state_message" }}{{ template "vigil.common_annotations" . }}
        {{ template "vigil.sections_tight" . }}{{ end }}
        {{ define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
        {{ define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "pushover.default.message" }}{{ template "vigil.common_annotations" . }}
        {{ template "vigil.sections_loose" . }}{{ end }}
        {{ define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "sns.default.subject" }}{{ template "__subject" . }}{{ end }}
        {{ define "sns.default.message" }}{{ template "vigil.common_annotations" . }}
        {{ template "vigil.sections_loose" . }}{{ end }}
        {{ define "telegram.default.message" }}
        {{ template "vigil.sections_loose" . }}{{ end }}
        {{ define "discord.default.content" }}{{ end }}
        {{ define "discord.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "discord.default.message" }}
        {{ template "vigil.sections_loose" . }}{{ end }}
        {{ define "webex.default.message" }}{{ template "vigil.common_annotations" . }}
        {{ template "vigil.sections_loose" . }}{{ end }}
        {{ define "msteams.default.summary" }}{{ template "__subject" . }}{{ end }}
        {{ define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "msteams.default.text" }}{{ template "vigil.sections_markdown" . }}{{ end }}
        {{ define "msteamsv2.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "msteamsv2.default.text" }}{{ template "vigil.sections_markdown" . }}{{ end }}
        {{ define "jira.default.summary" }}{{ template "__subject" . }}{{ end }}
        {{ define "jira.default.description" }}{{ template "vigil.sections_markdown" . }}{{ end }}
        {{- define "jira.default.priority" -}}
        {{- $firing := "" -}}
        {{- range $a := .Alerts.Firing -}}
        {{- $s := index $a.Labels "severity" -}}
        {{- if eq $s "critical" }}{{ $firing = "High" }}{{ else if and (eq $s "warning") (ne $firing "High") }}{{ $firing = "Medium" }}{{ else if and (eq $s "info") (eq $firing "") }}{{ $firing = "Low" }}{{ end -}}
        {{- end -}}
        {{- if $firing }}{{ $firing }}{{ else -}}
        {{- $resolved := "" -}}
        {{- range $a := .Alerts.Resolved -}}
        {{- $s := index $a.Labels "severity" -}}
        {{- if eq $s "critical" }}{{ $resolved = "High" }}{{ else if and (eq $s "warning") (ne $resolved "High") }}{{ $resolved = "Medium" }}{{ else if and (eq $s "info") (eq $resolved "") }}{{ $resolved = "Low" }}{{ end -}}
        {{- end -}}
        {{- $resolved -}}
        {{- end -}}
        {{- end }}
        {{ define "rocketchat.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "rocketchat.default.alias" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "rocketchat.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "rocketchat.default.emoji" }}{{ end }}
        {{ define "rocketchat.default.iconurl" }}{{ end }}
        {{ define "rocketchat.default.text" }}{{ end }}
        {{ define "mattermost.default.color" }}{{ template "slack.default.color" . }}{{ end }}
        {{ define "mattermost.default.username" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "mattermost.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "mattermost.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "mattermost.default.fallback" }}{{ template "mattermost.default.title" . }} | {{ template "mattermost.default.titlelink" . }}{{ end }}
        {{ define "mattermost.default.text" }}{{ template "vigil.sections_markdown" . }}{{ end }}

        """;
}
