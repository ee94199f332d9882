namespace Vigil.IntegrationTests.PromConfig;

/// <summary>
/// prometheus.yml and rule files, good and bad in each way a checker must catch, written so that
/// Prometheus 2.42's promtool and today's upstream agree on them (no Kubernetes discovery, which Debian's
/// promtool is built without; no UTF-8 names or query_offset, which 2.42 predates).
/// </summary>
public static class PromConfigCases
{
    private const string GoodRules = """
        groups:
          - name: node
            rules:
              - alert: InstanceDown
                expr: up == 0
                for: 1m
                labels:
                  severity: page
                annotations:
                  summary: "Instance {{ $labels.instance }} down ({{ $value | humanize }})"
              - record: job:up:sum
                expr: sum by (job) (up)
        """;

    private const string DuplicateRules = """
        groups:
          - name: a
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
          - name: b
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
        """;

    /// <summary>Rule files: name to content.</summary>
    public static IReadOnlyDictionary<string, string> RuleFiles { get; } = new Dictionary<string, string>
    {
        ["good"] = GoodRules,
        ["empty"] = "",
        ["duplicates"] = DuplicateRules,
        ["bad-promql"] = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == = 0\n",
        ["unknown-field"] = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    severity: page\n",
        ["both-alert-and-record"] = "groups:\n- name: g\n  rules:\n  - alert: A\n    record: a\n    expr: up\n",
        ["neither-alert-nor-record"] = "groups:\n- name: g\n  rules:\n  - expr: up\n",
        ["no-expr"] = "groups:\n- name: g\n  rules:\n  - alert: A\n",
        ["repeated-group"] = "groups:\n- name: g\n  rules: []\n- name: g\n  rules: []\n",
        ["record-with-for"] = "groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n    for: 1m\n",
        ["record-with-braces"] = "groups:\n- name: g\n  rules:\n  - record: 'a{b=\"c\"}'\n    expr: up\n",
        ["bad-template"] = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations:\n      s: '{{ $labels.x '\n",
        ["bad-duration"] = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: soon\n",
        ["alertmanager-keys"] = "route:\n  receiver: slack\nreceivers:\n- name: slack\n",
        ["yaml-syntax"] = "groups:\n- name: g\n  rules: [unclosed\n",
    };

    /// <summary>prometheus.yml files: name to content; rule_files point at <c>rules.yml</c> (the good rule file) unless said.</summary>
    public static IReadOnlyDictionary<string, string> Configs { get; } = new Dictionary<string, string>
    {
        ["good"] = """
            global:
              scrape_interval: 15s
              evaluation_interval: 15s
              external_labels:
                cluster: dev
            rule_files:
              - rules.yml
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['localhost:9093']
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ['localhost:9100']
                relabel_configs:
                  - source_labels: [__address__]
                    regex: '(.*):.*'
                    target_label: host
                  - action: labeldrop
                    regex: tmp_.*
                metric_relabel_configs:
                  - source_labels: [__name__]
                    regex: 'go_.*'
                    action: drop
            remote_write:
              - url: http://localhost:9201/write
            """,
        ["glob-matching-nothing"] = "rule_files: ['nothing/*.yml']\nscrape_configs: []\n",
        ["missing-rule-file"] = "rule_files: ['missing.yml']\nscrape_configs: []\n",
        ["bad-rule-file"] = "rule_files: ['bad-rules.yml']\nscrape_configs: []\n",
        ["unknown-key"] = "scrape_configs:\n- job_name: a\n  scrape_intervall: 1m\n",
        ["alertmanager-key"] = "route:\n  receiver: slack\nscrape_configs: []\n",
        ["rule-file-key"] = "groups: []\nscrape_configs: []\n",
        ["timeout-over-interval"] = "scrape_configs:\n- job_name: a\n  scrape_interval: 5s\n  scrape_timeout: 10s\n",
        ["duplicate-job"] = "scrape_configs:\n- job_name: a\n- job_name: a\n",
        ["empty-job-name"] = "scrape_configs:\n- scheme: http\n",
        ["target-with-scheme"] = "scrape_configs:\n- job_name: a\n  static_configs:\n  - targets: ['http://localhost:9100/metrics']\n",
        ["hashmod-without-modulus"] = "scrape_configs:\n- job_name: a\n  relabel_configs:\n  - action: hashmod\n    source_labels: [a]\n    target_label: b\n",
        ["unknown-action"] = "scrape_configs:\n- job_name: a\n  relabel_configs:\n  - action: labelmapp\n",
        ["two-auths"] = "scrape_configs:\n- job_name: a\n  basic_auth: {username: u, password: p}\n  bearer_token: t\n",
        ["remote-write-no-url"] = "scrape_configs: []\nremote_write:\n- name: a\n",
        ["yaml-syntax"] = "scrape_configs:\n- job_name: [unclosed\n",
    };

    /// <summary>
    /// Configs Vigil refuses where promtool 2.42 passes them, on purpose: name to (content, why).
    /// </summary>
    public static IReadOnlyDictionary<string, (string Yaml, string Why)> StricterThanPromtool { get; } = new Dictionary<string, (string, string)>
    {
        ["bad-scheme"] = ("scrape_configs:\n- job_name: a\n  scheme: ftp\n",
            "upstream loads it and then fails every scrape; Vigil says so at load"),
        ["bad-queue"] = ("scrape_configs: []\nremote_write:\n- url: http://a\n  queue_config: {min_shards: 5, max_shards: 2}\n",
            "today's upstream refuses it (queue_config checks came after 2.42)"),
    };

    public static TheoryData<string> StricterNames => [.. StricterThanPromtool.Keys];

    public static TheoryData<string> RuleFileNames => [.. RuleFiles.Keys];

    public static TheoryData<string> ConfigNames => [.. Configs.Keys];
}
