using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Scrape.Tests.Http;

/// <summary>A throwaway CA with server and client certificates, and PEM files of them in a temp directory.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory.CreateDirectory(Dir);
        Ca = CreateCa("Vigil Test CA");
        OtherCa = CreateCa("Unrelated CA");
        Server = Issue(Ca, "vigil.test", serverAuth: true);
        Client = Issue(Ca, "scraper-1", serverAuth: false);
        CaFile = Write("ca.pem", Ca.ExportCertificatePem());
        OtherCaFile = Write("other-ca.pem", OtherCa.ExportCertificatePem());
        (ClientCertFile, ClientKeyFile) = WritePair("client", Client);
    }

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "vigil-tls-" + Guid.NewGuid().ToString("N"));

    public X509Certificate2 Ca { get; }

    public X509Certificate2 OtherCa { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string CaFile { get; }

    public string OtherCaFile { get; }

    public string ClientCertFile { get; }

    public string ClientKeyFile { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public (string Cert, string Key) WritePair(string name, X509Certificate2 certificate, string? suffix = null) =>
        (Write($"{name}{suffix}.crt", certificate.ExportCertificatePem()), Write($"{name}{suffix}.key", certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));

    public X509Certificate2 Issue(X509Certificate2 issuer, string name, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(name);
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(8);
        using var signed = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
    }

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
    }
}
