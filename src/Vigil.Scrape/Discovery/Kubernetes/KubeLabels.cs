using System.Text;
using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>The <c>__meta_kubernetes_*</c> label names shared by several roles, and the object-metadata labels.</summary>
internal static class KubeLabels
{
    /// <summary>The prefix of every label this discovery sets.</summary>
    public const string Prefix = "__meta_kubernetes_";

    /// <summary>The object's namespace.</summary>
    public const string Namespace = Prefix + "namespace";

    /// <summary>The target address.</summary>
    public const string Address = "__address__";

    /// <summary>The value of every *present label.</summary>
    public const string Present = "true";

    /// <summary>
    /// Adds <c>&lt;role&gt;_name</c> and, for each Kubernetes label and annotation, the value label and its
    /// <c>present</c> twin (so a relabel rule can tell an empty value from a missing one).
    /// </summary>
    public static void AddObjectMeta(Dictionary<string, string> labels, JsonElement obj, string role)
    {
        labels[$"{Prefix}{role}_name"] = obj.Name();
        AddLabelsAndAnnotations(labels, obj, role);
    }

    /// <summary>Adds the label and annotation labels of <paramref name="obj"/> under <paramref name="resource"/>.</summary>
    public static void AddLabelsAndAnnotations(Dictionary<string, string> labels, JsonElement obj, string resource)
    {
        var meta = obj.Get("metadata");
        foreach (var (key, value) in meta.Pairs("labels"))
        {
            var name = Sanitize(key);
            labels[$"{Prefix}{resource}_label_{name}"] = value;
            labels[$"{Prefix}{resource}_labelpresent_{name}"] = Present;
        }
        foreach (var (key, value) in meta.Pairs("annotations"))
        {
            var name = Sanitize(key);
            labels[$"{Prefix}{resource}_annotation_{name}"] = value;
            labels[$"{Prefix}{resource}_annotationpresent_{name}"] = Present;
        }
    }

    /// <summary>Replaces every character that is not a letter, digit or underscore with an underscore.</summary>
    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return text.ToString();
    }

    /// <summary>host:port, bracketing IPv6 hosts as Go's JoinHostPort does.</summary>
    public static string JoinHostPort(string host, long port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    /// <summary>Go's strconv.FormatBool.</summary>
    public static string Bool(bool value) => value ? "true" : "false";
}
