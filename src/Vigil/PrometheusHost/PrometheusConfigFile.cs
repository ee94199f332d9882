using Vigil.Model.Labels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.PrometheusHost;

/// <summary>
/// What <c>vigil prometheus</c> reads from <c>prometheus.yml</c> until the strict loader lands: only
/// <c>global.external_labels</c>. Everything else is accepted unread, so an existing file works.
/// Syntax errors are still reported with line and column, because a file that does not parse is
/// certainly wrong.
/// </summary>
public sealed record PrometheusConfigFile(LabelSet ExternalLabels)
{
    /// <summary>The config of a server started without a file.</summary>
    public static PrometheusConfigFile Empty { get; } = new(LabelSet.Empty);

    /// <summary>Loads <paramref name="path"/>; throws <see cref="FormatException"/> with <c>file:line:col: what</c>.</summary>
    public static PrometheusConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"open {path}: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors.</summary>
    public static PrometheusConfigFile Parse(string text, string source)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Empty;
        }
        return new PrometheusConfigFile(ExternalLabelsOf(root, source));
    }

    private static LabelSet ExternalLabelsOf(YamlMappingNode root, string source)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("global"), out var global) || global is not YamlMappingNode globalMap ||
            !globalMap.Children.TryGetValue(new YamlScalarNode("external_labels"), out var node) || node is YamlScalarNode { Value: null or "" })
        {
            return LabelSet.Empty;
        }
        if (node is not YamlMappingNode labels)
        {
            throw new FormatException($"{source}:{node.Start.Line}:{node.Start.Column}: global.external_labels: expected a map of label names to values");
        }
        var pairs = new List<Label>();
        foreach (var (key, value) in labels.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!LabelName.IsValid(name))
            {
                throw new FormatException($"{source}:{key.Start.Line}:{key.Start.Column}: global.external_labels: {Vigil.Model.GoString.Quote(name)} is not a valid label name");
            }
            pairs.Add(new Label(name, (value as YamlScalarNode)?.Value ?? ""));
        }
        return LabelSet.From(pairs.Where(p => p.Value.Length > 0));
    }
}
