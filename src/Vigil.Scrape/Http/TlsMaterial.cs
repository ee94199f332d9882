using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>
/// The CA bundle and client certificate of a <c>tls_config</c>, read from inline PEM or files. Files are read
/// on every request and compared by hash (as upstream does), so renewed certificates are picked up without a
/// reload; errors carry upstream's wording and name the file.
/// </summary>
internal sealed record TlsMaterial(byte[] Hash, X509Certificate2Collection? Roots, X509Certificate2? ClientCertificate)
{
    /// <summary>Whether the settings name any CA or client certificate at all.</summary>
    public static bool Configured(HttpClientSettings s) =>
        s.TlsCa.Length > 0 || s.TlsCaFile.Length > 0 || s.TlsCert.Length > 0 || s.TlsCertFile.Length > 0;

    /// <summary>Reads the texts and hashes them; cheap enough per request for files of a few KB.</summary>
    public static (string Ca, string Cert, string Key, byte[] Hash) ReadTexts(HttpClientSettings s)
    {
        var ca = s.TlsCaFile.Length > 0 ? FileText.Read(s.TlsCaFile, "CA cert") : s.TlsCa;
        var cert = s.TlsCertFile.Length > 0 ? FileText.Read(s.TlsCertFile, "client cert") : s.TlsCert;
        var key = s.TlsKeyFile.Length > 0 ? FileText.Read(s.TlsKeyFile, "client key") : s.TlsKey?.Reveal() ?? "";
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ca + "\0" + cert + "\0" + key));
        return (ca, cert, key, hash);
    }

    /// <summary>Parses the texts read by <see cref="ReadTexts"/>.</summary>
    public static TlsMaterial Parse(HttpClientSettings s, string ca, string cert, string key, byte[] hash) =>
        new(hash, ca.Length > 0 ? ParseRoots(s, ca) : null, cert.Length > 0 ? ParseClient(s, cert, key) : null);

    private static X509Certificate2Collection ParseRoots(HttpClientSettings s, string pem)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            roots.Clear();
        }
        if (roots.Count == 0)
        {
            throw new HttpRequestException($"unable to use specified CA cert {Describe(s.TlsCaFile, "inline")}");
        }
        return roots;
    }

    private static X509Certificate2 ParseClient(HttpClientSettings s, string cert, string key)
    {
        try
        {
            return X509Certificate2.CreateFromPem(cert, key);
        }
        catch (CryptographicException e)
        {
            throw new HttpRequestException($"unable to use specified client cert ({Describe(s.TlsCertFile, "inline")}) & key ({Describe(s.TlsKeyFile, "inline")}): {e.Message}", e);
        }
    }

    private static string Describe(string file, string inline) => file.Length > 0 ? "file " + file : inline;
}
