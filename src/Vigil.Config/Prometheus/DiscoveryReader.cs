using System.Text.RegularExpressions;
using Vigil.Config.Loading;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Config.Prometheus;

/// <summary>Reads the service discovery lists of a scrape job or an alertmanagers entry.</summary>
internal static partial class DiscoveryReader
{
    private static readonly Dictionary<string, string[]> SelectorRoles = new(StringComparer.Ordinal)
    {
        ["node"] = ["node"], ["pod"] = ["pod", "node"], ["service"] = ["service"], ["ingress"] = ["ingress"],
        ["endpoints"] = ["pod", "service", "endpoints"], ["endpointslice"] = ["pod", "service", "endpointslice"],
    };

    public static DiscoveryConfigs Read(MapReader m)
    {
        foreach (var other in PrometheusKeys.OtherDiscovery.Where(m.HasKey))
        {
            m.Context.Warn(m.KeyNode(other), m.PathOf(other), $"{other} is valid Prometheus config but Vigil does not implement it: these targets are not discovered",
                "use static_configs, file_sd_configs or kubernetes_sd_configs");
        }
        return new DiscoveryConfigs
        {
            Static = m.MapList("static_configs", PrometheusKeys.StaticConfig).Select(ReadStatic).ToList(),
            Files = m.MapList("file_sd_configs", PrometheusKeys.FileSd).Select(ReadFileSd).ToList(),
            Kubernetes = m.MapList("kubernetes_sd_configs", PrometheusKeys.Kubernetes).Select(ReadKubernetes).OfType<KubernetesSdConfig>().ToList(),
        };
    }

    private static StaticTargetGroup ReadStatic(MapReader s)
    {
        var targets = s.StringList("targets") ?? [];
        for (var i = 0; i < targets.Count; i++)
        {
            CheckTarget(s, i, targets[i]);
        }
        return new StaticTargetGroup(targets, Labels(s, "labels"));
    }

    private static void CheckTarget(MapReader s, int index, string target)
    {
        var node = s.Sequence("targets")!.Children[index];
        var path = $"{s.PathOf("targets")}[{index}]";
        if (target.Length == 0)
        {
            s.Context.Error(node, path, "empty target address", "write host:port, e.g. localhost:9100");
        }
        else if (target.Contains('/', StringComparison.Ordinal))
        {
            s.Context.Error(node, path, $"{GoString.Quote(target)} is not a valid hostname",
                "a target is host:port only; put http/https in scheme: and the path in metrics_path: (or path_prefix: for Alertmanagers)");
        }
    }

    /// <summary>A label map whose names are checked (today's UTF-8 rules).</summary>
    public static IReadOnlyDictionary<string, string> Labels(MapReader m, string key)
    {
        var labels = m.StringMap(key) ?? new Dictionary<string, string>();
        foreach (var bad in labels.Keys.Where(k => !LabelName.IsValid(k)))
        {
            m.Context.Error(m.Value(key)!, $"{m.PathOf(key)}.{bad}", $"{GoString.Quote(bad)} is not a valid label name");
        }
        return labels;
    }

    private static FileSdConfig ReadFileSd(MapReader f)
    {
        var files = f.StringList("files") ?? [];
        if (files.Count == 0)
        {
            f.Context.Error(f.KeyNode("files"), f.PathOf("files"), "file service discovery config must contain at least one path name", "list the target files under files:, e.g. files: ['targets/*.json']");
        }
        foreach (var file in files.Where(p => !FileSdPattern().IsMatch(p)))
        {
            f.Context.Error(f.Value("files")!, f.PathOf("files"), $"path name {GoString.Quote(file)} is not valid for file discovery",
                "a file name ending in .json, .yml or .yaml; a '*' is allowed only in the last path segment");
        }
        var refresh = f.Duration("refresh_interval") ?? TimeSpan.FromMinutes(5);
        return new FileSdConfig(files.Select(f.Context.Resolve).ToList(), refresh);
    }

    private static KubernetesSdConfig? ReadKubernetes(MapReader k)
    {
        var role = k.String("role") ?? "";
        if (!SelectorRoles.ContainsKey(role))
        {
            var message = role.Length == 0 ? "role missing (one of: pod, service, endpoints, endpointslice, node, ingress)" : $"unknown Kubernetes SD role {GoString.Quote(role)}";
            k.Context.Error(k.Value("role") ?? k.Node, k.PathOf("role"), message, KeyAdvice.DidYouMean(SelectorRoles.Keys, role) ?? "use one of pod, service, endpoints, endpointslice, node, ingress");
        }
        var apiServer = k.Url("api_server") ?? "";
        var kubeconfig = k.String("kubeconfig_file") ?? "";
        if (apiServer.Length > 0 && kubeconfig.Length > 0)
        {
            k.Context.Error(k.KeyNode("kubeconfig_file"), k.PathOf("kubeconfig_file"), "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
        }
        var http = HttpClientReader.Read(k);
        var namespaces = k.Map("namespaces", PrometheusKeys.KubernetesNamespaces);
        CheckConnection(k, apiServer, kubeconfig, http, namespaces?.Bool("own_namespace") ?? false);
        var meta = k.Map("attach_metadata", PrometheusKeys.KubernetesMetadata);
        foreach (var key in new[] { "deployment", "job", "cronjob" }.Where(key => meta?.Bool(key) == true))
        {
            k.Context.Warn(meta!.KeyNode(key), meta.PathOf(key), $"attach_metadata.{key} is not implemented by Vigil: pods get no {key} name label", "relabel from __meta_kubernetes_pod_controller_name instead");
        }
        return new KubernetesSdConfig
        {
            Role = role,
            ApiServer = apiServer,
            KubeconfigFile = kubeconfig.Length > 0 ? k.Context.Resolve(kubeconfig) : "",
            Namespaces = namespaces?.StringList("names") ?? [],
            OwnNamespace = namespaces?.Bool("own_namespace") ?? false,
            Selectors = ReadSelectors(k, role),
            AttachNodeMetadata = meta?.Bool("node") ?? false,
            AttachNamespaceMetadata = meta?.Bool("namespace") ?? false,
            Http = http,
        };
    }

    private static void CheckConnection(MapReader k, string apiServer, string kubeconfig, HttpClientSettings http, bool ownNamespace)
    {
        // As upstream: HTTP client settings only make sense with an explicit api_server (a kubeconfig
        // carries its own credentials, and in-cluster uses the service account).
        // Compared by content: the settings hold lists and nested records that compare by reference.
        var customHttp = System.Text.Json.JsonSerializer.Serialize(http) != System.Text.Json.JsonSerializer.Serialize(new HttpClientSettings());
        if (kubeconfig.Length > 0 && customHttp)
        {
            k.Context.Error(k.KeyNode("kubeconfig_file"), k.PathOf("kubeconfig_file"), "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
        }
        else if (apiServer.Length == 0 && kubeconfig.Length == 0 && customHttp)
        {
            k.Context.Error(k.Node, k.PathPrefix, "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
        }
        if (ownNamespace && (apiServer.Length > 0 || kubeconfig.Length > 0))
        {
            var other = apiServer.Length > 0 ? "api_server" : "kubeconfig_file";
            k.Context.Error(k.KeyNode(other), k.PathOf(other), $"cannot use '{other}' and 'namespaces.own_namespace' simultaneously", "own_namespace is only known inside a cluster");
        }
    }

    private static List<(string Role, string Label, string Field)> ReadSelectors(MapReader k, string sdRole)
    {
        var selectors = new List<(string, string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in k.MapList("selectors", PrometheusKeys.KubernetesSelector))
        {
            var role = s.String("role") ?? "";
            var allowed = SelectorRoles.GetValueOrDefault(sdRole) ?? [];
            if (!seen.Add(role))
            {
                s.Context.Error(s.Value("role") ?? s.Node, s.PathOf("role"), $"duplicated selector role: {role}");
            }
            else if (allowed.Length > 0 && !allowed.Contains(role))
            {
                s.Context.Error(s.Value("role") ?? s.Node, s.PathOf("role"), $"{sdRole} role supports only {string.Join(", ", allowed)} selectors");
            }
            selectors.Add((role, s.String("label") ?? "", s.String("field") ?? ""));
        }
        return selectors;
    }

    [GeneratedRegex(@"^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$")]
    private static partial Regex FileSdPattern();
}
