using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Discovery.Kubernetes;
using static Vigil.Scrape.Tests.Discovery.Kubernetes.KubeTestSupport;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

public sealed class KubeConnectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-kube-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (string CertPem, string KeyPem) SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Kubeconfig(string server, string clusterExtra, string user) => $"""
        apiVersion: v1
        kind: Config
        current-context: test
        contexts:
        - name: other
          context: {"{"}cluster: nowhere, user: nobody{"}"}
        - name: test
          context:
            cluster: c1
            user: u1
            namespace: monitoring
        clusters:
        - name: c1
          cluster:
            server: {server}
        {clusterExtra}
        users:
        - name: u1
          user:
        {user}
        """;

    [Fact]
    public void Load_InlineData_ServerCaClientCertAndToken()
    {
        var (caPem, _) = SelfSigned("ca");
        var (certPem, keyPem) = SelfSigned("client");
        var path = Write("config", Kubeconfig("https://10.1.2.3:6443",
            $"    certificate-authority-data: {B64(caPem)}\n    tls-server-name: kubernetes",
            $"    client-certificate-data: {B64(certPem)}\n    client-key-data: {B64(keyPem)}\n    token: tok-123"));

        var connection = Kubeconfig(path);

        Assert.Equal(new Uri("https://10.1.2.3:6443"), connection.Server);
        Assert.Equal("CN=ca", Assert.Single(connection.CertificateAuthorities!).Subject);
        Assert.True(connection.ClientCertificate!.HasPrivateKey);
        Assert.Equal("kubernetes", connection.ServerName);
        Assert.Equal("tok-123", connection.BearerToken());
        Assert.DoesNotContain("tok-123", connection.Origin, StringComparison.Ordinal);
    }

    private static KubeConnection Kubeconfig(string path) => Scrape.Discovery.Kubernetes.Kubeconfig.Load(path);

    [Fact]
    public void Load_RelativeFiles_ReadFromKubeconfigDirectory()
    {
        var (caPem, _) = SelfSigned("ca");
        Write("ca.crt", caPem);
        Write("token", "file-token\n");
        var path = Write("config", Kubeconfig("https://k:443", "    certificate-authority: ca.crt", "    tokenFile: token"));

        var connection = Kubeconfig(path);

        Assert.Single(connection.CertificateAuthorities!);
        Assert.Equal("file-token", connection.BearerToken());
    }

    [Theory]
    [InlineData("current-context: missing\ncontexts: []\nclusters: []\n", "context \"missing\" not found")]
    [InlineData("contexts: []\n", "no current-context")]
    [InlineData("current-context: a\ncontexts:\n- name: a\n  context: {cluster: c}\nclusters: []\n", "cluster \"c\" not found")]
    [InlineData("current-context: a\ncontexts:\n- name: a\n  context: {cluster: c}\nclusters:\n- name: c\n  cluster: {}\n", "cluster \"c\" has no server")]
    [InlineData("current-context: [", "kubeconfig")]
    public void Load_Broken_ErrorNamesFileAndProblem(string content, string expected)
    {
        var path = Write("config", content);

        var error = Assert.Throws<InvalidOperationException>(() => Kubeconfig(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesFile()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Kubeconfig(Path.Combine(_dir, "nope")));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    private KubeEnvironment InCluster(string? host = "10.96.0.1", string? port = "443") => new()
    {
        GetVariable = name => name switch
        {
            "KUBERNETES_SERVICE_HOST" => host,
            "KUBERNETES_SERVICE_PORT" => port,
            _ => null,
        },
        ServiceAccountDir = _dir,
    };

    [Fact]
    public void InCluster_ServiceAccount_ServerTokenCaAndNamespace()
    {
        Write("token", "sa-token-1");
        Write("ca.crt", SelfSigned("cluster-ca").CertPem);
        Write("namespace", "monitoring");

        var connection = KubeConnections.InCluster(InCluster(), _time);

        Assert.Equal(new Uri("https://10.96.0.1:443"), connection.Server);
        Assert.Equal("sa-token-1", connection.BearerToken());
        Assert.Single(connection.CertificateAuthorities!);
        Assert.Equal("monitoring", connection.OwnNamespace);
    }

    [Fact]
    public void InCluster_TokenRotated_NewTokenUsedAfterRefreshInterval()
    {
        Write("token", "old");
        var connection = KubeConnections.InCluster(InCluster(), _time);
        Write("token", "new");

        var before = connection.BearerToken();
        _time.Advance(FileSecret.RefreshAfter);
        var after = connection.BearerToken();

        Assert.Equal(("old", "new"), (before, after));
    }

    [Fact]
    public void InCluster_TokenFileGoneLater_KeepsLastToken()
    {
        var token = Write("token", "kept");
        var connection = KubeConnections.InCluster(InCluster(), _time);
        File.Delete(token);
        _time.Advance(FileSecret.RefreshAfter);

        Assert.Equal("kept", connection.BearerToken());
    }

    [Theory]
    [InlineData(null, "443")]
    [InlineData("10.96.0.1", null)]
    public void InCluster_NoServiceEnvironment_ErrorSaysWhatToSet(string? host, string? port)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KubeConnections.InCluster(InCluster(host, port), _time));

        Assert.Contains("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InCluster_Ipv6Host_Bracketed()
    {
        Write("token", "t");

        Assert.Equal("https://[fd00::1]:6443/", KubeConnections.InCluster(InCluster("fd00::1", "6443"), _time).Server.ToString());
    }

    [Fact]
    public async Task Discovery_Kubeconfig_SendsItsTokenToTheServer()
    {
        await using var api = new FakeKubeApi();
        api.Put("pods", Pod("a", "default", "10.0.0.1", 9100));
        var path = Write("config", Kubeconfig(api.Url.ToString(), "", "    token: kubeconfig-token"));
        await using var discovery = new KubernetesDiscovery(new KubernetesSdConfig { Role = "pod", KubeconfigFile = path }, KubeEnvironment.Process, _time, new CapturingLogger());
        discovery.Start();

        await Until(() => discovery.Groups().Count == 1, "the pod");

        Assert.Equal("Bearer kubeconfig-token", api.Authorizations[0]);
    }

    [Fact]
    public async Task Discovery_ApiServerWithAuthorization_UsesSharedHttpSettings()
    {
        await using var api = new FakeKubeApi();
        api.Put("pods", Pod("a", "default", "10.0.0.1", 9100));
        var config = new KubernetesSdConfig
        {
            Role = "pod",
            ApiServer = api.Url.ToString(),
            Http = new HttpClientSettings { AuthorizationType = "Bearer", AuthorizationCredentials = new Config.Secret("api-token") },
        };
        await using var discovery = new KubernetesDiscovery(config, KubeEnvironment.Process, _time, new CapturingLogger());
        discovery.Start();

        await Until(() => discovery.Groups().Count == 1, "the pod");

        Assert.Equal("Bearer api-token", api.Authorizations[0]);
    }

    [Theory]
    [InlineData(new string[0], false, "", new[] { "" })]
    [InlineData(new[] { "a", "b" }, false, "", new[] { "a", "b" })]
    [InlineData(new[] { "a" }, true, "mine", new[] { "a", "mine" })]
    [InlineData(new string[0], true, "mine", new[] { "mine" })]
    [InlineData(new[] { "mine" }, true, "mine", new[] { "mine" })]
    public void Namespaces_Config_Watched(string[] names, bool own, string ownNamespace, string[] expected) =>
        Assert.Equal(expected, RolePlan.Namespaces(new KubernetesSdConfig { Role = "pod", Namespaces = names, OwnNamespace = own }, ownNamespace));

    [Theory]
    [InlineData("node", false, "Node")]
    [InlineData("pod", true, "Pod Node")]
    [InlineData("service", false, "Service")]
    [InlineData("endpoints", false, "Endpoints Service Pod")]
    [InlineData("endpointslice", true, "EndpointSlice Service Pod Node")]
    [InlineData("ingress", false, "Ingress")]
    public void Resources_Role_WatchesWhatItsLabelsNeed(string role, bool attachNode, string expected) =>
        Assert.Equal(expected, string.Join(' ', RolePlan.Resources(new KubernetesSdConfig { Role = role, AttachNodeMetadata = attachNode })));
}
