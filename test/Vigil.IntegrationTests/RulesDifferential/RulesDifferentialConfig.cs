namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// The one <c>prometheus.yml</c> and rule file both servers run. Every timer is short (scrape and evaluation
/// 1s, resend delay 2s) so firing, resending and resolving all happen within the script.
/// </summary>
public static class RulesDifferentialConfig
{
    /// <summary>Both servers' <c>--web.external-url</c>, so <c>$externalURL</c> and generator URLs agree.</summary>
    public const string ExternalUrl = "http://prometheus.test:9090";

    /// <summary>Both servers' <c>--rules.alert.resend-delay</c>.</summary>
    public static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(2);

    /// <summary>The global evaluation (and scrape) interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Scrapes the target twice (the app job, and the flaky job on another path), adds external labels, and
    /// relabels alerts on the way out: <c>team=ops</c> added, <c>dropme</c> dropped, one alert dropped whole.
    /// </summary>
    public static string PrometheusYaml(string targetAddress, string alertmanagerAddress) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 900ms
          evaluation_interval: 1s
          external_labels:
            site: it
            region: eu
        rule_files: [rules.yml]
        alerting:
          alert_relabel_configs:
          - target_label: team
            replacement: ops
          - action: labeldrop
            regex: dropme
          - source_labels: [alertname]
            regex: DroppedByRelabel
            action: drop
          - source_labels: [severity]
            regex: critical
            target_label: priority
            replacement: P1
          alertmanagers:
          - static_configs:
            - targets: ['{alertmanagerAddress}']
        scrape_configs:
        - job_name: app
          static_configs:
          - targets: ['{targetAddress}']
        - job_name: flaky
          metrics_path: /flaky/metrics
          static_configs:
          - targets: ['{targetAddress}']
        """;

    /// <summary>
    /// A recording rule feeding an alert with <c>keep_firing_for</c>; alerts with <c>for</c>, a templated label,
    /// a rule label shadowing an external label, and annotations using <c>$labels</c>, <c>$value</c> (with
    /// humanize and printf), <c>$externalLabels</c>, <c>$externalURL</c>, query/first/value and reReplaceAll;
    /// an alert that stays pending (never sent); an alert the relabelling drops; and a group whose limit every evaluation exceeds (nothing is sent).
    /// </summary>
    public const string RulesYaml = """
        groups:
        - name: differential
          rules:
          - record: job:requests:rate4s
            expr: sum by (job) (rate(requests_total[4s]))
          - alert: HighRequestRate
            expr: job:requests:rate4s   >   20
            keep_firing_for: 6s
            labels:
              severity: page
            annotations:
              summary: '{{ $labels.job | toUpper }} serves more than 20 requests per second'
          - alert: QueueDeep
            expr: queue_depth > 20
            for: 3s
            labels:
              severity: '{{ if gt $value 40.0 }}critical{{ else }}warning{{ end }}'
              huge: '{{ if gt $value 100.0 }}yes{{ end }}'
              dropme: 'yes'
            annotations:
              summary: 'Queue {{ $labels.queue }} on {{ reReplaceAll ":[0-9]+$" "" $labels.instance }} is {{ $value | humanize }} deep'
              description: '{{ printf "%.1f" $value }} of {{ with query "max(queue_capacity)" }}{{ . | first | value }}{{ end }} at {{ $externalLabels.site }}; see {{ $externalURL }}'
          - alert: InstanceDown
            expr: up{job="flaky"}==0
            for: 2s
            labels:
              region: local
            annotations:
              description: '{{ $labels.instance }} of job {{ $labels.job }} is down (up={{ $value }})'
          - alert: HeartbeatMissing
            expr: absent(flaky_heartbeat{job="flaky"})
            for: 1s
            annotations:
              summary: 'no heartbeat from job {{ $labels.job }}{{ $labels.nonexistent }}'
          - alert: ErrorsPresent
            expr: errors_pending>0
            for: 1s
            annotations:
              summary: '{{ $labels.kind }} errors: {{ $value }} ({{ humanizePercentage 0.25 }} of budget)'
              functions: '{{ $labels.instance | stripPort }} {{ "hello world" | title }} {{ if match "^d" $labels.kind }}d-kind{{ end }} {{ range query "queue_info" | sortByLabel "queue" }}{{ label "queue" . }}={{ value . }} {{ end }}{{ 1234567.0 | humanize }} {{ 2048.0 | humanize1024 }} {{ 90.5 | humanizeDuration }} {{ 0.0123 | humanizeDuration }} {{ 1.7e9 | humanizeTimestamp }} {{ "1m30s" | parseDuration }} {{ $externalLabels.region }}'
          - alert: BigBacklog
            expr: |
              backlog_bytes
                > 1e6
            annotations:
              value: '{{ $value }} bytes, {{ $value | humanize1024 }}B, {{ printf "%.3e" $value }}, {{ $value | humanize }}'
              broken: '{{ "x" | humanizeDuration }}'
          - alert: SlowBurn
            expr: sum by (queue) (queue_depth) > 20
            for: 30s
            annotations:
              summary: 'pending only: {{ $labels.queue }}'
          - alert: DroppedByRelabel
            expr: vector(1)
        - name: limited
          limit: 1
          rules:
          - alert: TooManyQueues
            expr: queue_info > 0
        """;
}
