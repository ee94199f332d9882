using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigil.IntegrationTests.Harness;
using Vigil.IntegrationTests.Prometheus;

namespace Vigil.IntegrationTests.HostileTargets;

/// <summary>
/// The published binary scrapes an HTTPS target signed by a private CA that demands basic auth, with the
/// password in a file: it is up, and when the password is rotated (file and target together) it stays up
/// without a reload.
/// </summary>
public sealed class SecuredTargetTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Scrape_HttpsWithCaAndPasswordFile_UpAndSurvivesRotation()
    {
        using var dir = new TempDirectory("vigil-tls-target");
        var (ca, server) = Certificates();
        var caFile = dir.Write("ca.pem", ca.ExportCertificatePem());
        var passwordFile = dir.Write("password", "first\n");
        var password = "first";
        var address = FreePort.NextAddress();
        await using var app = await StartAsync(address, server, () => password);
        var config = $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: secured
                scheme: https
                tls_config:
                  ca_file: {caFile}
                  server_name: vigil.test
                basic_auth:
                  username: scraper
                  password_file: {passwordFile}
                static_configs:
                  - targets: ['{address}']
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);

        await Poll.UntilAsync(async () => await HealthAsync(vigil) == ("up", ""), Deadline, "secured target up", () => vigil.Diagnostics());
        File.WriteAllText(passwordFile, "second");
        password = "second";
        var before = await ScrapesAsync(vigil);
        await Poll.UntilAsync(async () => await ScrapesAsync(vigil) >= before + 3, Deadline, "three more scrapes", () => vigil.Diagnostics());

        Assert.Equal(("up", ""), await HealthAsync(vigil));
    }

    private static async Task<(string Health, string Error)> HealthAsync(VigilPrometheusServer vigil)
    {
        var target = JsonNode.Parse(await vigil.Http.GetStringAsync("/api/v1/targets"))!["data"]!["activeTargets"]![0]!;
        return (target["health"]!.GetValue<string>(), target["lastError"]!.GetValue<string>());
    }

    private static async Task<int> ScrapesAsync(VigilPrometheusServer vigil)
    {
        var body = await vigil.Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("count_over_time(up{job=\"secured\"}[10m])"));
        var result = JsonNode.Parse(body)!["data"]!["result"]!.AsArray();
        return result.Count == 1 ? int.Parse(result[0]!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<WebApplication> StartAsync(string address, X509Certificate2 certificate, Func<string> password)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var (host, port) = (address.Split(':')[0], int.Parse(address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Parse(host), port, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(context =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("scraper:" + password()));
            if (context.Request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = 401;
                return Task.CompletedTask;
            }
            context.Response.ContentType = "text/plain; version=0.0.4";
            return context.Response.WriteAsync("secured_ok 1\n");
        });
        await app.StartAsync();
        return app;
    }

    private static (X509Certificate2 Ca, X509Certificate2 Server) Certificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Vigil Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=vigil.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("vigil.test");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        // Kestrel on Linux wants a key it can export to its TLS stack: round-trip through PKCS#12.
        using var withKey = signed.CopyWithPrivateKey(key);
        return (ca, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }
}
