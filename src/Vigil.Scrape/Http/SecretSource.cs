using Vigil.Config;

namespace Vigil.Scrape.Http;

/// <summary>
/// A secret given inline or as a file. A file is read again on every use, so a rotated token or password
/// takes effect on the next request without a reload (as Prometheus does).
/// </summary>
internal sealed class SecretSource
{
    private readonly string _inline;
    private readonly string _file;

    private SecretSource(string inline, string file)
    {
        _inline = inline;
        _file = file;
    }

    /// <summary>The source for an inline value or a file; null when neither is set.</summary>
    public static SecretSource? From(Secret? inline, string file) => From(inline?.Reveal() ?? "", file);

    /// <summary>The source for an inline value or a file; null when neither is set.</summary>
    public static SecretSource? From(string inline, string file) =>
        inline.Length > 0 ? new SecretSource(inline, "") : file.Length > 0 ? new SecretSource("", file) : null;

    /// <summary>The value now: the inline text, or the file's content without surrounding white space.</summary>
    /// <exception cref="HttpRequestException">The file cannot be read; the message names the file, never its content.</exception>
    public string Read(string what) => _file.Length == 0 ? _inline : FileText.Read(_file, what).Trim();
}

/// <summary>Reads credential and certificate files with errors worded as upstream's (<c>unable to read file F: open F: ...</c>).</summary>
internal static class FileText
{
    /// <summary>A secret file (credentials, certificates): <c>unable to read WHAT: unable to read file F: CAUSE</c>.</summary>
    public static string Read(string path, string what) => Read(path, cause => $"unable to read {what}: unable to read file {path}: {cause}");

    /// <summary>An http_headers file: <c>unable to read headers file F: CAUSE</c>.</summary>
    public static string ReadHeaderFile(string path) => Read(path, cause => $"unable to read headers file {path}: {cause}");

    private static string Read(string path, Func<string, string> message)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HttpRequestException(message(Describe(path, e)), e);
        }
    }

    /// <summary>Go's wording for the usual causes, which operators recognise from Prometheus.</summary>
    private static string Describe(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"open {path}: no such file or directory",
        UnauthorizedAccessException => $"open {path}: permission denied",
        _ => e.Message,
    };
}
