using Vigil.Alertmanager.Config.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Alertmanager.Config;

/// <summary>
/// The config as YAML for <c>/api/v2/status</c> and <c>amtool config show</c>: every secret value
/// (passwords, tokens, Slack and webhook URLs) replaced by <c>&lt;secret&gt;</c>, as Alertmanager shows it.
/// Comments are dropped, since a commented-out old webhook URL is a secret too.
/// </summary>
public static class ConfigYaml
{
    /// <summary>Free-form maps whose keys are label or field names, not config keys, so a label called "token" is not masked.</summary>
    private static readonly HashSet<string> FreeForm = new(StringComparer.Ordinal)
    {
        "match", "match_re", "source_match", "source_match_re", "target_match", "target_match_re", "labels",
        "details", "custom_fields", "attributes", "fields", "payload",
    };

    /// <summary>The loaded config's YAML with secrets masked.</summary>
    public static string ToMaskedYaml(AlertmanagerConfig config) => Mask(config.Original);

    /// <summary>Masks the secrets of an alertmanager.yml text; text that does not parse yields an empty string.</summary>
    public static string Mask(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            return "";
        }
        if (stream.Documents.Count == 0)
        {
            return "";
        }
        MaskNode(stream.Documents[0].RootNode, null);
        var writer = new StringWriter();
        new YamlStream(stream.Documents[0]).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static void MaskNode(YamlNode node, string? key)
    {
        switch (node)
        {
            case YamlSequenceNode seq:
                MaskSequence(seq, key);
                break;
            case YamlMappingNode map when key is null || !FreeForm.Contains(key):
                MaskMapping(map, key);
                break;
        }
    }

    private static void MaskSequence(YamlSequenceNode seq, string? key)
    {
        for (var i = 0; i < seq.Children.Count; i++)
        {
            // http_headers list their secret values under "secrets:".
            if (key == "secrets" && seq.Children[i] is YamlScalarNode)
            {
                seq.Children[i] = new YamlScalarNode(Secret.Mask);
                continue;
            }
            MaskNode(seq.Children[i], key);
        }
    }

    private static void MaskMapping(YamlMappingNode map, string? listKey)
    {
        foreach (var (k, v) in map.Children.ToList())
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (v is YamlScalarNode s && !YamlValues.IsNull(s) && IsSecret(name, listKey))
            {
                map.Children[k] = new YamlScalarNode(Secret.Mask);
                continue;
            }
            MaskNode(v, name);
        }
    }

    private static bool IsSecret(string key, string? listKey) =>
        SecretKeys.IsSecretName(key)
        || (listKey == "slack_configs" && key == "api_url")
        || (listKey is "webhook_configs" or "incidentio_configs" && key == "url");
}
