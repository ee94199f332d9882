using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;
using Vigil.IntegrationTests.Prometheus;
using Vigil.Scrape.Tests.Discovery.Kubernetes;

namespace Vigil.IntegrationTests.Kubernetes;

/// <summary>
/// The published <c>vigil prometheus</c> discovers a pod through a kubeconfig pointing at a stand-in API
/// server, scrapes it, survives the API server refusing it, and drops the target when the pod is deleted.
/// </summary>
public sealed class KubernetesDiscoveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PodRole_Kubeconfig_DiscoveredScrapedKeptThrough403AndDroppedOnDelete()
    {
        var targetPort = FreePort.Next();
        await using var target = await MetricsTarget.StartAsync(targetPort);
        await using var api = new FakeKubeApi();
        api.Put("pods", Pod("metrics-0", targetPort));
        api.Put("pods", Pod("other-0", targetPort, app: "other"));
        var dir = new TempDirectory("vigil-k8s"); // owned (and deleted) by the server below
        var kubeconfig = dir.Write("kubeconfig", $"""
            apiVersion: v1
            kind: Config
            current-context: stand-in
            contexts:
            - name: stand-in
              context: {"{"}cluster: local, user: vigil{"}"}
            clusters:
            - name: local
              cluster: {"{"}server: "{api.Url}"{"}"}
            users:
            - name: vigil
              user: {"{"}token: it-token{"}"}
            """);
        var config = $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: k8s-pods
                kubernetes_sd_configs:
                  - role: pod
                    kubeconfig_file: {kubeconfig}
                    namespaces:
                      names: [apps]
                relabel_configs:
                  - source_labels: [__meta_kubernetes_pod_label_app]
                    regex: metrics
                    action: keep
                  - source_labels: [__meta_kubernetes_pod_name]
                    target_label: pod
            """;
        await using var vigil = await VigilPrometheusServer.StartInAsync(dir, config);
        string Diagnostics() => vigil.Process.Diagnostics() + "\nAPI requests:\n" + string.Join('\n', api.Requests);

        await Poll.UntilAsync(async () => (await ActiveAsync(vigil)) is [{ } t] && (string?)t["health"] == "up", Deadline, "the discovered pod scraped and up", Diagnostics);
        var active = (await ActiveAsync(vigil))[0]!;
        Assert.Equal("metrics-0", (string?)active["labels"]!["pod"]);
        Assert.Equal($"127.0.0.1:{targetPort}", (string?)active["labels"]!["instance"]);
        Assert.Equal("apps", (string?)active["discoveredLabels"]!["__meta_kubernetes_namespace"]);
        Assert.Equal("metrics", (string?)active["discoveredLabels"]!["__meta_kubernetes_pod_container_port_name"]);
        Assert.Equal("true", (string?)active["discoveredLabels"]!["__meta_kubernetes_pod_ready"]);
        Assert.Contains("GET /api/v1/namespaces/apps/pods", api.Requests);
        Assert.All(api.Authorizations, a => Assert.Equal("Bearer it-token", a));

        api.Fault = (403, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden","reason":"Forbidden","code":403}""");
        api.BreakWatches();
        await Poll.UntilAsync(() => vigil.Process.Output.Contains("403 Forbidden: pods is forbidden", StringComparison.Ordinal), Deadline, "the logged 403", Diagnostics);
        var logged = vigil.Process.Output.Split('\n').First(l => l.Contains("403 Forbidden", StringComparison.Ordinal));
        Assert.Contains("role=pod", logged, StringComparison.Ordinal);
        Assert.Contains("namespace=apps", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("it-token", vigil.Process.Output, StringComparison.Ordinal);
        Assert.Single(await ActiveAsync(vigil));

        api.Fault = null;
        api.Delete("pods", "apps", "metrics-0");
        await Poll.UntilAsync(async () => (await ActiveAsync(vigil)).Count == 0, Deadline, "the deleted pod's target gone", Diagnostics);
    }

    private static string Pod(string name, int port, string app = "metrics") => $$$"""
        {"metadata":{"name":"{{{name}}}","namespace":"apps","uid":"uid-{{{name}}}","labels":{"app":"{{{app}}}"}},
         "spec":{"nodeName":"node-1","containers":[{"name":"app","image":"exporter","ports":[{"name":"metrics","containerPort":{{{port}}},"protocol":"TCP"}]}]},
         "status":{"phase":"Running","podIP":"127.0.0.1","conditions":[{"type":"Ready","status":"True"}]}}
        """;

    private static async Task<JsonArray> ActiveAsync(VigilPrometheusServer vigil)
    {
        var body = await vigil.Http.GetStringAsync("/api/v1/targets?state=active");
        return JsonNode.Parse(body)!["data"]!["activeTargets"]!.AsArray();
    }
}
