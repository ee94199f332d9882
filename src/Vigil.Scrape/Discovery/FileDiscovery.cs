using Vigil.Config.Prometheus;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Scrape.Discovery;

/// <summary>
/// Reads <c>file_sd_configs</c> files: JSON or YAML lists of <c>{targets: [...], labels: {...}}</c>, globs
/// allowed in the file name. A file that cannot be read keeps the groups it gave last time (a half-written
/// file must not make all its targets vanish), and the problem is reported with the file's name.
/// </summary>
public sealed class FileDiscovery
{
    private readonly Dictionary<string, IReadOnlyList<StaticTargetGroup>> _lastGood = new(StringComparer.Ordinal);

    /// <summary>Problems of the last <see cref="Read"/>, each naming its file.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Reads every file matched by <paramref name="config"/>; each target gets <c>__meta_filepath</c>.</summary>
    public IReadOnlyList<StaticTargetGroup> Read(FileSdConfig config)
    {
        var errors = new List<string>();
        var groups = new List<StaticTargetGroup>();
        foreach (var path in config.Files.SelectMany(Expand).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var read = Parse(path, File.ReadAllText(path));
                _lastGood[path] = read;
                groups.AddRange(read);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or YamlException)
            {
                errors.Add($"file_sd {path}: {e.Message}");
                if (_lastGood.TryGetValue(path, out var previous))
                {
                    groups.AddRange(previous);
                }
            }
        }
        Errors = errors;
        return groups;
    }

    /// <summary>Parses one file's content; throws <see cref="FormatException"/> saying what is wrong where.</summary>
    internal static IReadOnlyList<StaticTargetGroup> Parse(string path, string content)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(content));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }
        if (stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            throw new FormatException("expected a list of target groups");
        }
        var groups = new List<StaticTargetGroup>();
        foreach (var item in list)
        {
            groups.Add(ParseGroup(path, item));
        }
        return groups;
    }

    private static StaticTargetGroup ParseGroup(string path, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw new FormatException($"line {node.Start.Line}: expected a target group (targets, labels)");
        }
        var targets = new List<string>();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["__meta_filepath"] = path };
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "targets" when value is YamlSequenceNode seq:
                    targets.AddRange(seq.Select(t => Scalar(t, "target")));
                    break;
                case "labels" when value is YamlMappingNode labelMap:
                    foreach (var (name, labelValue) in labelMap.Children)
                    {
                        labels[Scalar(name, "label name")] = Scalar(labelValue, "label value");
                    }
                    break;
                default:
                    throw new FormatException($"line {keyNode.Start.Line}: unexpected field {Model.GoString.Quote(key ?? "")} (want targets: [...], labels: {{...}})");
            }
        }
        return new StaticTargetGroup(targets, labels);
    }

    private static string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } v } ? v : throw new FormatException($"line {node.Start.Line}: {what} must be a string");

    private static IEnumerable<string> Expand(string pattern)
    {
        // As upstream, only the file name may hold a glob.
        var dir = Path.GetDirectoryName(pattern);
        var name = Path.GetFileName(pattern);
        if (string.IsNullOrEmpty(dir))
        {
            dir = ".";
        }
        if (name.IndexOfAny(['*', '?', '[']) < 0)
        {
            return File.Exists(pattern) ? [pattern] : [];
        }
        if (!Directory.Exists(dir))
        {
            return [];
        }
        return Directory.EnumerateFiles(dir, name).Order(StringComparer.Ordinal);
    }
}
