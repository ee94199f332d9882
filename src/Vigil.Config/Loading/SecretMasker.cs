using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Loading;

/// <summary>
/// Re-emits a config's YAML with every secret value replaced by <c>&lt;secret&gt;</c>, for status APIs.
/// Comments are dropped, since a commented-out old password is a secret too.
/// </summary>
public static class SecretMasker
{
    /// <summary>
    /// The masked YAML of <paramref name="yaml"/>, or "" when it does not parse. <paramref name="isSecret"/> gets a
    /// key and the key of the mapping or list holding it; maps under <paramref name="freeForm"/> keys (labels and
    /// the like) are left alone, so a label called "password" is not masked.
    /// </summary>
    public static string Mask(string yaml, Func<string, string?, bool> isSecret, IReadOnlySet<string> freeForm)
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
        new Walker(isSecret, freeForm).Visit(stream.Documents[0].RootNode, null);
        var writer = new StringWriter();
        new YamlStream(stream.Documents[0]).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private sealed class Walker(Func<string, string?, bool> isSecret, IReadOnlySet<string> freeForm)
    {
        public void Visit(YamlNode node, string? key)
        {
            switch (node)
            {
                case YamlSequenceNode seq:
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        // http_headers list their secret values under "secrets:".
                        if (key == "secrets" && seq.Children[i] is YamlScalarNode)
                        {
                            seq.Children[i] = new YamlScalarNode(Secret.Mask);
                            continue;
                        }
                        Visit(seq.Children[i], key);
                    }
                    break;
                case YamlMappingNode map when key == "proxy_connect_header":
                    // Every value of every header is a secret (upstream's map of secret lists).
                    foreach (var values in map.Children.Values.OfType<YamlSequenceNode>())
                    {
                        Visit(values, "secrets");
                    }
                    break;
                case YamlMappingNode map when key is null || !freeForm.Contains(key):
                    VisitMapping(map, key);
                    break;
            }
        }

        private void VisitMapping(YamlMappingNode map, string? parent)
        {
            foreach (var (k, v) in map.Children.ToList())
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (v is YamlScalarNode s && !YamlValues.IsNull(s) && isSecret(name, parent))
                {
                    map.Children[k] = new YamlScalarNode(Secret.Mask);
                    continue;
                }
                if (v is YamlScalarNode { Value: { } url } && name.EndsWith("url", StringComparison.Ordinal) && Secret.MaskUrlPassword(url) is { } redacted)
                {
                    map.Children[k] = new YamlScalarNode(redacted);
                    continue;
                }
                Visit(v, name);
            }
        }
    }
}
