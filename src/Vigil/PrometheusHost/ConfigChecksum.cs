using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.PrometheusHost;

/// <summary>
/// What <c>--config.auto-reload</c> compares between checks: a SHA-256 over <c>prometheus.yml</c> and every file its
/// <c>rule_files</c> and <c>scrape_config_files</c> patterns match now, each file named by its path, so editing,
/// adding or removing a rule file changes the sum as much as editing the config itself. Built the way upstream
/// builds it (file content, then per matched file a kind letter, its path and its content, separated by NULs).
/// </summary>
public static class ConfigChecksum
{
    /// <summary>
    /// The checksum of <paramref name="configFile"/> and the files it references; throws
    /// <see cref="IOException"/> or <see cref="FormatException"/> naming the file that could not be read.
    /// </summary>
    public static string Compute(string configFile)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var content = Read(configFile);
        hash.AppendData(content);
        var dir = Path.GetDirectoryName(Path.GetFullPath(configFile)) ?? ".";
        var (ruleFiles, scrapeFiles) = ReferencedPatterns(configFile, content);
        foreach (var (kind, patterns) in new[] { ("r", ruleFiles), ("s", scrapeFiles) })
        {
            foreach (var file in patterns.SelectMany(p => Matches(Path.GetFullPath(p, dir))))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(kind + "\0" + file + "\0"));
                hash.AppendData(Read(file));
                hash.AppendData([0]);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"error reading file {path}: {e.Message}", e);
        }
    }

    /// <summary>The <c>rule_files</c> and <c>scrape_config_files</c> entries as written; a file that is not YAML is an error.</summary>
    private static (List<string> Rules, List<string> Scrapes) ReferencedPatterns(string configFile, byte[] content)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(Encoding.UTF8.GetString(content)));
        }
        catch (YamlException e)
        {
            throw new FormatException($"error unmarshalling YAML of {configFile}: line {e.Start.Line}: {e.Message}", e);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ([], []);
        }
        return (Strings(root, "rule_files"), Strings(root, "scrape_config_files"));
    }

    private static List<string> Strings(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode list
            ? [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0)]
            : [];

    /// <summary>The existing files a pattern matches now (wildcards in the file-name part, as rule loading expands them).</summary>
    private static IEnumerable<string> Matches(string pattern)
    {
        var name = Path.GetFileName(pattern);
        var dir = Path.GetDirectoryName(pattern) ?? ".";
        if (name.IndexOfAny(['*', '?', '[']) < 0)
        {
            // Like filepath.Glob, a plain name that does not exist matches nothing: the reload reports it.
            return File.Exists(pattern) ? [pattern] : [];
        }
        return Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal) : [];
    }
}
