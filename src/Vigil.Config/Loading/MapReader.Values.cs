using System.Globalization;
using Vigil.Model;
using Vigil.Model.Time;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Loading;

/// <summary>Typed values: each getter returns null when the key is absent or invalid, reporting why.</summary>
public sealed partial class MapReader
{
    /// <summary>Text value; numbers and booleans are accepted as their text, as Alertmanager does.</summary>
    public string? String(string key) => Scalar(key, "a single value (text)")?.Value ?? null;

    /// <summary>A boolean: true/false (YAML 1.1 also yes/no/on/off), unquoted.</summary>
    public bool? Bool(string key)
    {
        if (Scalar(key, "true or false") is not { } s)
        {
            return null;
        }
        var known = TryBool(s.Value ?? "", out var value);
        if (known && !YamlValues.IsQuoted(s))
        {
            return value;
        }
        var hint = known ? "remove the quotes: a quoted value is text, not a boolean" : null;
        Context.Error(s, PathOf(key), $"expected true or false, got {Show(key, s)}", hint);
        return null;
    }

    /// <summary>A whole number, unquoted.</summary>
    public long? Int(string key)
    {
        if (Scalar(key, "a whole number") is not { } s)
        {
            return null;
        }
        if (!YamlValues.IsQuoted(s) && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        Context.Error(s, PathOf(key), $"expected a whole number, got {Show(key, s)}");
        return null;
    }

    /// <summary>A Prometheus duration such as <c>30s</c> or <c>1h30m</c>.</summary>
    public TimeSpan? Duration(string key)
    {
        if (Scalar(key, "a duration") is not { } s)
        {
            return null;
        }
        var text = s.Value ?? "";
        if (PromDuration.TryParse(text, out var value, out var error))
        {
            return value;
        }
        var hint = long.TryParse(text, CultureInfo.InvariantCulture, out _) ? $"add a unit: {text}s, {text}m or {text}h" : null;
        Context.Error(s, PathOf(key), error, hint);
        return null;
    }

    /// <summary>A Go duration (<c>time.Duration</c>, e.g. <c>10s</c>, <c>1m30s</c>, <c>500ms</c>), used by receiver timeouts.</summary>
    public TimeSpan? GoDuration(string key)
    {
        if (Scalar(key, "a duration") is not { } s)
        {
            return null;
        }
        if (GoDurationParser.TryParse(s.Value ?? "", out var value))
        {
            return value;
        }
        Context.Error(s, PathOf(key), $"not a valid duration: {Show(key, s)} (expected e.g. 10s, 1m30s, 500ms)");
        return null;
    }

    /// <summary>An absolute http or https URL (not secret).</summary>
    public string? Url(string key)
    {
        if (Scalar(key, "a URL") is not { } s)
        {
            return null;
        }
        return CheckUrl(key, s) ? s.Value : null;
    }

    /// <summary>A secret value (password, token).</summary>
    public Secret? SecretValue(string key) =>
        Scalar(key, "a single value (text)") is { } s ? new Secret(s.Value ?? "") : null;

    /// <summary>
    /// A secret URL such as a Slack webhook. <c>&lt;secret&gt;</c> is accepted as is, so a config read back
    /// from the status API still loads.
    /// </summary>
    public Secret? SecretUrl(string key, bool allowTemplate = false)
    {
        if (Scalar(key, "a URL") is not { } s)
        {
            return null;
        }
        var text = s.Value ?? "";
        var skip = text == Secret.Mask || (allowTemplate && text.Contains("{{", StringComparison.Ordinal));
        return skip || CheckUrl(key, s) ? new Secret(text) : null;
    }

    /// <summary>A list of text values.</summary>
    public IReadOnlyList<string>? StringList(string key)
    {
        if (Sequence(key) is not { } seq)
        {
            return null;
        }
        var result = new List<string>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (seq.Children[i] is YamlScalarNode s)
            {
                result.Add(s.Value ?? "");
            }
            else
            {
                Context.Error(seq.Children[i], $"{PathOf(key)}[{i}]", $"expected a single value, got {YamlValues.Describe(seq.Children[i])}");
            }
        }
        return result;
    }

    /// <summary>A mapping of text to text (labels, headers, match:).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        if (Map(key, KeySection.AnyKeys) is not { } map)
        {
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in map._entries.Keys)
        {
            if (map.String(name) is { } v)
            {
                result[name] = v;
            }
        }
        return result;
    }

    /// <summary>Reports an error on the later key when more than one of <paramref name="keys"/> is set.</summary>
    public bool AtMostOne(params string[] keys)
    {
        var present = keys.Where(Has).ToList();
        if (present.Count <= 1)
        {
            return true;
        }
        Context.Error(KeyNode(present[^1]), PathOf(present[^1]), $"at most one of {string.Join(" & ", keys)} may be set");
        return false;
    }

    /// <summary>The scalar under <paramref name="key"/>, or null (reporting an error when it is a list or mapping).</summary>
    private YamlScalarNode? Scalar(string key, string expected)
    {
        var node = Value(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode s:
                return s;
            case YamlMappingNode or YamlSequenceNode when StartsUnquotedTemplate(node):
                Context.Error(node, PathOf(key), $"expected {expected}, got {YamlValues.Describe(node)}: an unquoted value starting with '{{' or '[' is read as YAML, not text",
                    $"quote the value, e.g. {key}: '{{{{ .CommonLabels.alertname }}}}'");
                return null;
            default:
                Context.Error(node, PathOf(key), $"expected {expected}, got {YamlValues.Describe(node)}",
                    node is YamlMappingNode ? $"if the indented lines below {key}: are meant to be its neighbours, indent them like {key}" : null);
                return null;
        }
    }

    /// <summary>Whether the raw text at the node starts like a Go template or a bracketed title, which YAML read as structure.</summary>
    private bool StartsUnquotedTemplate(YamlNode node)
    {
        var line = Context.SourceLine((int)node.Start.Line);
        var at = Math.Max(0, (int)node.Start.Column - 1);
        var rest = at < line.Length ? line[at..] : "";
        return rest.StartsWith("{{", StringComparison.Ordinal) || (rest.StartsWith('[') && rest.Contains("{{", StringComparison.Ordinal));
    }

    private bool CheckUrl(string key, YamlScalarNode s)
    {
        var text = s.Value ?? "";
        var ok = Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && !text.Any(char.IsWhiteSpace);
        if (!ok)
        {
            Context.Error(s, PathOf(key), $"expected an absolute http:// or https:// URL, got {Show(key, s)}");
        }
        return ok;
    }

    /// <summary>The value quoted for a message, unless the key holds a secret.</summary>
    private string Show(string key, YamlScalarNode s) =>
        Context.Rules.IsSecret(Section, key) ? "a value that is not shown because it is secret" : GoString.Quote(s.Value ?? "");

    private static bool TryBool(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                value = true;
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
