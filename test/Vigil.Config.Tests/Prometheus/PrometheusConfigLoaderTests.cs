using Vigil.Config.Prometheus;
using Vigil.Model.Relabel;

namespace Vigil.Config.Tests.Prometheus;

public sealed class PrometheusConfigLoaderTests
{
    private const string Full = """
        global:
          scrape_interval: 15s
          evaluation_interval: 30s
          external_labels:
            cluster: dev
            empty: ''
        rule_files:
          - rules/*.yml
        alerting:
          alertmanagers:
            - path_prefix: /am
              static_configs:
                - targets: ['localhost:9093']
        scrape_configs:
          - job_name: node
            params:
              module: [http_2xx]
            static_configs:
              - targets: ['localhost:9100']
                labels:
                  env: dev
            relabel_configs:
              - source_labels: [__address__]
                regex: '(.*):.*'
                target_label: host
              - action: LabelDrop
                regex: tmp_.*
            basic_auth:
              username: u
              password: s3cret
          - job_name: k8s
            scrape_interval: 5s
            kubernetes_sd_configs:
              - role: endpoints
                namespaces:
                  names: [default]
                selectors:
                  - role: pod
                    label: app=web
            file_sd_configs:
              - files: ['targets/*.json']
        remote_write:
          - url: http://localhost:9201/write
            queue_config:
              max_shards: 10
        storage:
          tsdb:
            out_of_order_time_window: 10m
        """;

    [Theory]
    [InlineData("", 100_000)]
    [InlineData("storage:\n  tsdb:\n    out_of_order_time_window: 0s\n", 100_000)]
    [InlineData("storage:\n  exemplars: {}\n", 100_000)]
    [InlineData("storage:\n  exemplars:\n    max_exemplars: 5\n", 5)]
    [InlineData("storage:\n  exemplars:\n    max_exemplars: 0\n", 0)]
    public void Parse_MaxExemplars_UpstreamDefaultWhenAbsent(string yaml, long expected)
    {
        var result = PrometheusConfigLoader.Parse("global: {}\n" + yaml, "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Config!.MaxExemplars);
    }

    [Fact]
    public void Parse_NegativeMaxExemplars_ErrorNamesTheField()
    {
        var result = PrometheusConfigLoader.Parse("storage:\n  exemplars:\n    max_exemplars: -1\n", "p.yml");

        Assert.False(result.Ok);
        Assert.Contains("max_exemplars must not be negative", string.Join("\n", result.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remote_write:\n- url: http://a\n", false)]
    [InlineData("remote_write:\n- url: http://a\n  send_native_histograms: true\n", true)]
    public void Parse_SendNativeHistograms_OffUnlessSet(string yaml, bool expected)
    {
        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Config!.RemoteWrite[0].SendNativeHistograms);
    }

    [Theory]
    [InlineData("", "", null)]
    [InlineData("  extra_scrape_metrics: true\n", "", true)]
    [InlineData("  extra_scrape_metrics: true\n", "  extra_scrape_metrics: false\n", false)]
    [InlineData("", "  extra_scrape_metrics: true\n", true)]
    public void Parse_ExtraScrapeMetrics_JobInheritsGlobalUnlessSet(string global, string job, bool? expected)
    {
        var yaml = "global:\n  scrape_interval: 1m\n" + global + "scrape_configs:\n- job_name: a\n" + job;

        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Config!.ScrapeConfigs[0].ExtraScrapeMetrics);
    }

    [Fact]
    public void Parse_KubernetesAttachMetadataAndPodNodeSelector_Read()
    {
        var yaml = "scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    attach_metadata: {node: true, namespace: true}\n    selectors:\n    - role: node\n      label: pool=infra\n";

        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var sd = result.Config!.ScrapeConfigs[0].Discovery.Kubernetes[0];
        Assert.Equal((true, true), (sd.AttachNodeMetadata, sd.AttachNamespaceMetadata));
        Assert.Equal(("node", "pool=infra", ""), Assert.Single(sd.Selectors));
    }

    [Fact]
    public void Parse_FullConfig_ReadsEverySectionWithDefaults()
    {
        var result = PrometheusConfigLoader.Parse(Full, "/etc/prometheus/prometheus.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var c = result.Config!;
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)), (c.Global.ScrapeInterval, c.Global.ScrapeTimeout, c.Global.EvaluationInterval));
        Assert.Equal(["cluster"], c.Global.ExternalLabels.Keys);
        Assert.Equal(["/etc/prometheus/rules/*.yml"], c.RuleFiles);
        var node = c.ScrapeConfigs[0];
        Assert.Equal(("node", "/metrics", "http", true, TimeSpan.FromSeconds(15)), (node.JobName, node.MetricsPath, node.Scheme, node.HonorTimestamps, node.ScrapeInterval));
        Assert.Equal(["http_2xx"], node.Params["module"]);
        Assert.Equal("localhost:9100", node.Discovery.Static[0].Targets[0]);
        Assert.Equal(RelabelAction.LabelDrop, node.RelabelConfigs[1].Action);
        Assert.Equal("s3cret", node.Http.BasicAuthPassword!.Reveal());
        var k8s = c.ScrapeConfigs[1];
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)), (k8s.ScrapeInterval, k8s.ScrapeTimeout));
        Assert.Equal("endpoints", k8s.Discovery.Kubernetes[0].Role);
        Assert.Equal(TimeSpan.FromMinutes(5), k8s.Discovery.Files[0].RefreshInterval);
        Assert.Equal(("/am", "v2"), (c.Alerting.Alertmanagers[0].PathPrefix, c.Alerting.Alertmanagers[0].ApiVersion));
        Assert.Equal((10L, 2000L), (c.RemoteWrite[0].Queue.MaxShards, c.RemoteWrite[0].Queue.MaxSamplesPerSend));
        Assert.Equal(TimeSpan.FromMinutes(10), c.OutOfOrderTimeWindow);
    }

    [Theory]
    [InlineData("")]
    [InlineData("global:\n")]
    [InlineData("scrape_configs: []\n")]
    public void Parse_EmptyConfig_UsesUpstreamDefaults(string yaml)
    {
        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10)), (result.Config!.Global.ScrapeInterval, result.Config.Global.ScrapeTimeout));
    }

    [Theory]
    // Keys from the other files, named as such.
    [InlineData("route:\n  receiver: x\n", "1:1: route: field route not allowed in prometheus.yml; it belongs in alertmanager.yml")]
    [InlineData("receivers: []\n", "it belongs in alertmanager.yml")]
    [InlineData("global:\n  resolve_timeout: 5m\n", "2:3: global.resolve_timeout: field resolve_timeout not allowed in global; it belongs in the global: section of alertmanager.yml")]
    [InlineData("groups: []\n", "groups: belongs in a rule file")]
    [InlineData("scrape_configs:\n- job_name: a\n  expr: up\n", "expr: belongs in a rule file")]
    // Typos and misplaced keys.
    [InlineData("global:\n  scrape_intervall: 1m\n", "did you mean scrape_interval?")]
    [InlineData("scrape_interval: 1m\n", "it belongs under global:")]
    [InlineData("scrape_configs:\n- job_name: a\n  targets: [x]\n", "it belongs inside a static_configs: entry")]
    [InlineData("scrape_configs:\n- job_name: a\n  url: http://x/metrics\n", "write the target as host:port")]
    [InlineData("alerting:\n  static_configs: []\n", "it belongs inside an alertmanagers: entry")]
    // Values.
    [InlineData("global:\n  scrape_interval: 10s\n  scrape_timeout: 20s\n", "3:19: global.scrape_timeout: global scrape timeout greater than scrape interval")]
    [InlineData("scrape_configs:\n- job_name: a\n  scrape_interval: 5s\n  scrape_timeout: 6s\n", "scrape timeout greater than scrape interval for scrape config with job name \"a\"")]
    [InlineData("scrape_configs:\n- scheme: http\n", "scrape_configs[0].job_name: job_name is empty")]
    [InlineData("scrape_configs:\n- job_name: a\n- job_name: a\n", "3:13: scrape_configs[1].job_name: found multiple scrape configs with job name \"a\"")]
    [InlineData("scrape_configs:\n- job_name: a\n  scheme: ftp\n", "scheme must be http or https")]
    [InlineData("scrape_configs:\n- job_name: a\n  static_configs:\n  - targets: ['http://h:1/m']\n", "4:15: scrape_configs[0].static_configs[0].targets[0]: \"http://h:1/m\" is not a valid hostname")]
    [InlineData("scrape_configs:\n- job_name: a\n  sample_limit: -1\n", "sample_limit must not be negative")]
    [InlineData("scrape_configs:\n- job_name: a\n  body_size_limit: 10\n", "invalid size \"10\"")]
    [InlineData("scrape_configs:\n- job_name: a\n  scrape_protocols: [PrometheusText0.0.4, Nope]\n", "unknown scrape protocol Nope")]
    [InlineData("scrape_configs:\n- job_name: a\n  scrape_protocols: [PrometheusProto, PrometheusProto]\n", "duplicated protocol in scrape_protocols")]
    [InlineData("scrape_configs:\n- job_name: a\n  file_sd_configs:\n  - files: ['t.txt']\n", "path name \"t.txt\" is not valid for file discovery")]
    [InlineData("rule_files: ['r*/x.yml']\n", "rule_files[0]: invalid rule file path")]
    [InlineData("global:\n  external_labels:\n    __name__: x\n", "\"__name__\" is not a valid external label name")]
    // Kubernetes discovery.
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - namespaces: {}\n", "role missing")]
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pods\n", "unknown Kubernetes SD role \"pods\"; did you mean pod?")]
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    api_server: https://k\n    kubeconfig_file: k.yml\n", "cannot use 'kubeconfig_file' and 'api_server' simultaneously")]
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: node\n    selectors:\n    - role: pod\n", "node role supports only node selectors")]
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    bearer_token: t\n", "to use custom HTTP client configuration please provide the 'api_server' URL explicitly")]
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    kubeconfig_file: k.yml\n    tls_config: {insecure_skip_verify: true}\n", "cannot use a custom HTTP client configuration together with 'kubeconfig_file'")]
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    api_server: https://k\n    namespaces: {own_namespace: true}\n", "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously")]
    [InlineData("scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: service\n    selectors:\n    - role: node\n", "service role supports only service selectors")]
    // HTTP client.
    [InlineData("scrape_configs:\n- job_name: a\n  basic_auth: {username: u}\n  bearer_token: t\n", "at most one of basic_auth")]
    [InlineData("scrape_configs:\n- job_name: a\n  authorization: {type: Basic}\n", "use \"basic_auth\" instead")]
    [InlineData("scrape_configs:\n- job_name: a\n  tls_config: {cert_file: c}\n", "exactly one of key and cert")]
    [InlineData("scrape_configs:\n- job_name: a\n  tls_config: {min_version: TLS14}\n", "unknown TLS version: TLS14")]
    [InlineData("scrape_configs:\n- job_name: a\n  tls_config: {min_version: TLS13, max_version: TLS12}\n", "tls_config.max_version must be greater than or equal to tls_config.min_version")]
    [InlineData("scrape_configs:\n- job_name: a\n  no_proxy: localhost\n", "if no_proxy is configured, proxy_url must also be configured")]
    [InlineData("scrape_configs:\n- job_name: a\n  proxy_from_environment: true\n  no_proxy: x\n", "if proxy_from_environment is configured, no_proxy must not be configured")]
    [InlineData("scrape_configs:\n- job_name: a\n  proxy_connect_header: {X: [y]}\n", "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured")]
    [InlineData("scrape_configs:\n- job_name: a\n  http_headers:\n    authorization: {values: [x]}\n", "setting header \"Authorization\" is not allowed")]
    [InlineData("scrape_configs:\n- job_name: a\n  oauth2: {client_id: c, client_secret: s}\n", "oauth2 token_url must be configured")]
    [InlineData("scrape_configs:\n- job_name: a\n  basic_auth: {username: u, password_ref: vault}\n", "cannot use secret ref without manager; write password or password_file instead")]
    [InlineData("scrape_configs:\n- job_name: a\n  tls_config: {ca_ref: x}\n", "cannot use secret ref without manager")]
    [InlineData("scrape_configs:\n- job_name: a\n  oauth2: {client_id: c, token_url: 'http://t', grant_type: password}\n", "grant_type \"password\" is not supported")]
    // Alerting and remote.
    [InlineData("alerting:\n  alertmanagers:\n  - api_version: v1\n", "expected Alertmanager api version to be one of [v2] but got v1")]
    [InlineData("remote_write:\n- name: a\n", "url for remote write is empty")]
    [InlineData("remote_write:\n- url: http://a\n  headers: {Authorization: x}\n", "authorization header must be changed via the basic_auth")]
    [InlineData("remote_write:\n- url: http://a\n  queue_config: {min_shards: 5, max_shards: 2}\n", "min_shards must not be greater than max_shards")]
    [InlineData("remote_write:\n- url: http://a\n  name: x\n- url: http://b\n  name: x\n", "found multiple remote write configs")]
    [InlineData("remote_read:\n- url: not a url\n", "expected an absolute http:// or https:// URL")]
    public void Parse_BadConfig_ReportsPositionFieldAndHint(string yaml, string expected)
    {
        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HttpClientSettings_AllReadWithFilesResolvedAgainstConfigDir()
    {
        const string yaml = """
            scrape_configs:
            - job_name: a
              fallback_scrape_protocol: PrometheusText0.0.4
              basic_auth: {username_file: user, password_file: pass}
              tls_config: {ca_file: ca.pem, cert_file: c.pem, key_file: k.pem, server_name: s, min_version: TLS13, insecure_skip_verify: true}
              proxy_url: http://proxy:3128
              no_proxy: localhost,10.0.0.0/8
              follow_redirects: false
              enable_http2: false
              http_headers:
                X-Tenant: {values: [a], secrets: [b], files: [tenant]}
            - job_name: b
              proxy_from_environment: true
              oauth2: {client_id: id, client_secret_file: secret, token_url: 'https://auth/token', scopes: [x], endpoint_params: {aud: y}}
            """;

        var result = PrometheusConfigLoader.Parse(yaml, "/etc/p/p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var a = result.Config!.ScrapeConfigs[0];
        Assert.Equal("PrometheusText0.0.4", a.FallbackScrapeProtocol);
        Assert.Equal(("/etc/p/user", "/etc/p/pass"), (a.Http.BasicAuthUsernameFile, a.Http.BasicAuthPasswordFile));
        Assert.Equal(("/etc/p/ca.pem", "/etc/p/c.pem", "/etc/p/k.pem", "s", "TLS13", true), (a.Http.TlsCaFile, a.Http.TlsCertFile, a.Http.TlsKeyFile, a.Http.TlsServerName, a.Http.TlsMinVersion, a.Http.TlsInsecureSkipVerify));
        Assert.Equal(("http://proxy:3128", "localhost,10.0.0.0/8", false, false), (a.Http.ProxyUrl, a.Http.NoProxy, a.Http.FollowRedirects, a.Http.EnableHttp2));
        var header = Assert.Single(a.Http.Headers);
        Assert.Equal(("X-Tenant", "a", "b", "/etc/p/tenant"), (header.Name, header.Values[0], header.Secrets[0].Reveal(), header.Files[0]));
        var b = result.Config.ScrapeConfigs[1];
        Assert.True(b.Http.ProxyFromEnvironment);
        Assert.Equal(("id", "/etc/p/secret", "https://auth/token", "x", "y"), (b.Http.OAuth2!.ClientId, b.Http.OAuth2.ClientSecretFile, b.Http.OAuth2.TokenUrl, b.Http.OAuth2.Scopes[0], b.Http.OAuth2.EndpointParams["aud"]));
    }

    [Fact]
    public void Parse_NoHttpClientFields_EqualsDefaultSettings()
    {
        var result = PrometheusConfigLoader.Parse("scrape_configs:\n- job_name: a\n", "p.yml");

        Assert.Equal(new HttpClientSettings(), result.Config!.ScrapeConfigs[0].Http);
    }

    [Fact]
    public void Parse_PrometheusProtoProtocol_AcceptedWithoutWarning()
    {
        var result = PrometheusConfigLoader.Parse("scrape_configs:\n- job_name: a\n  scrape_protocols: [PrometheusProto, PrometheusText0.0.4]\n", "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(["PrometheusProto", "PrometheusText0.0.4"], result.Config!.ScrapeConfigs[0].ScrapeProtocols);
    }

    [Theory]
    [InlineData("action: hashmod\n    target_label: t", "relabel configuration for hashmod requires non-zero modulus")]
    [InlineData("action: replace\n    target_label: ''", "relabel configuration for replace action requires 'target_label' value")]
    [InlineData("action: lowercase", "relabel configuration for lowercase action requires 'target_label' value")]
    [InlineData("action: uppercase\n    target_label: t\n    replacement: x", "'replacement' can not be set for uppercase action")]
    [InlineData("action: keepequal\n    target_label: t\n    regex: a", "keepequal action requires only 'source_labels' and `target_label`, and no other fields")]
    [InlineData("action: labeldrop\n    source_labels: [a]", "labeldrop action requires only 'regex', and no other fields")]
    [InlineData("action: labelkeep\n    target_label: t", "labelkeep action requires only 'regex', and no other fields")]
    [InlineData("action: labelmap\n    replacement: ''", "\"\" is invalid 'replacement' for labelmap action")]
    [InlineData("action: keep\n    regex: '(unclosed'", "invalid regex")]
    [InlineData("action: dropp", "unknown relabel action \"dropp\"; did you mean drop?")]
    [InlineData("action: drop\n    modulus: -1", "modulus must not be negative")]
    public void Parse_RelabelRule_ValidatedPerAction(string rule, string expected)
    {
        var yaml = $"scrape_configs:\n- job_name: a\n  metric_relabel_configs:\n  - {rule}\n";

        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("action: keep\n    source_labels: [a]\n    regex: b")]
    [InlineData("action: hashmod\n    source_labels: [a]\n    modulus: 8\n    target_label: t")]
    [InlineData("action: keepequal\n    source_labels: [a]\n    target_label: t")]
    [InlineData("action: labelmap\n    regex: '__meta_(.+)'\n    replacement: '$1'")]
    [InlineData("action: Replace\n    target_label: t\n    replacement: x")]
    public void Parse_ValidRelabelRule_Loads(string rule)
    {
        var result = PrometheusConfigLoader.Parse($"scrape_configs:\n- job_name: a\n  relabel_configs:\n  - {rule}\n", "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Parse_ProxyConnectHeader_EveryValueKeptAsSecret()
    {
        var result = PrometheusConfigLoader.Parse("scrape_configs:\n- job_name: a\n  proxy_url: http://p:3128\n  proxy_connect_header:\n    X-Tenant: [t1, t2]\n    X-Key: [k]\n", "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        var headers = result.Config!.ScrapeConfigs[0].Http.ProxyConnectHeaders;
        Assert.Equal(["X-Tenant=t1,t2", "X-Key=k"], headers.Select(h => $"{h.Name}={string.Join(",", h.Values.Select(v => v.Reveal()))}"));
    }

    [Theory]
    [InlineData("scrape_configs:\n- job_name: a\n  dns_sd_configs: [{names: [x]}]\n", "Vigil does not implement it")]
    [InlineData("tracing:\n  endpoint: x\n", "tracing is accepted for compatibility but not used by Vigil")]
    [InlineData("scrape_configs:\n- job_name: a\n  proxy_url: https://p:3128\n  proxy_connect_header: {X: [y]}\n", "proxy_connect_header is sent only through an http:// proxy")]
    public void Parse_ValidButUnsupported_LoadsWithWarning(string yaml, string warning)
    {
        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.ToString().Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SecretInBadValue_NeverEchoed()
    {
        const string yaml = "scrape_configs:\n- job_name: a\n  basic_auth:\n    password: [hunter2]\n  authorization:\n    credentials: {x: hunter3}\n";

        var result = PrometheusConfigLoader.Parse(yaml, "p.yml");

        Assert.NotEmpty(result.Errors);
        Assert.DoesNotContain(result.Errors, e => e.ToString().Contains("hunter", StringComparison.Ordinal));
        Assert.Equal("<secret>", new Secret("hunter2").ToString());
    }

    [Theory]
    [InlineData("10MB", 10L << 20)]
    [InlineData("512KiB", 512L << 10)]
    [InlineData("1GB512MB", (1L << 30) + (512L << 20))]
    [InlineData("0", 0L)]
    public void TryParseBytes_Base2Units_Parsed(string text, long expected)
    {
        Assert.True(PromValues.TryParseBytes(text, out var bytes));
        Assert.Equal(expected, bytes);
    }
}
