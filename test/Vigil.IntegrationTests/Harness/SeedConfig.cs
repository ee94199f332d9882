namespace Vigil.IntegrationTests.Harness;

/// <summary>The seed's files (see /work/shared/seed), with the Slack URL pointed at the stand-in and the
/// timers shortened so a scenario takes seconds. Everything else is as the user wrote it, except
/// that <c>channel</c> is quoted: unquoted, <c>#monitoring</c> is a YAML comment.</summary>
public static class SeedConfig
{
    /// <summary>The seed's <c>alertmanager.yml</c>.</summary>
    public static string AlertmanagerYaml(string slackUrl, string groupWait = "1s", string groupInterval = "2s", string repeatInterval = "1h") => $$$"""
        global:
          resolve_timeout: 5m
          slack_api_url: '{{{slackUrl}}}'
        route:
          group_by: ['alertname']
          group_wait: {{{groupWait}}}
          group_interval: {{{groupInterval}}}
          repeat_interval: {{{repeatInterval}}}
          receiver: 'slack-notifier'
        receivers:
        - name: 'slack-notifier'
          slack_configs:
          - channel: '#monitoring'
            send_resolved: true
            title: '[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}'
            text: >-
              *Description:* {{ .CommonAnnotations.description }}
        """;

    /// <summary>The seed's rule file with a short <c>for:</c>.</summary>
    public static string RulesYaml(string forDuration = "2s") => $$$"""
        groups:
        - name: AllInstances
          rules:
          - alert: InstanceDown
            expr: up == 0
            for: {{{forDuration}}}
            labels:
              severity: critical
            annotations:
              title: 'Instance {{ $labels.instance }} down'
              description: '{{ $labels.instance }} of job {{ $labels.job }} has been down for more than 1 minute.'
        """;
}
