using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Loading;

/// <summary>
/// Reads one YAML mapping of a known kind: rejects (and explains) keys that do not belong there as
/// soon as it opens, then hands out typed values that report any problem with file, line and field path.
/// </summary>
public sealed partial class MapReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    private MapReader(ParseContext context, YamlMappingNode node, string path, KeySection section)
    {
        Context = context;
        Node = node;
        PathPrefix = path;
        Section = section;
        foreach (var (key, value) in node.Children.Where(e => !IsMergeKey(e.Key)))
        {
            Add(key, value);
        }
        foreach (var (key, value) in node.Children.Where(e => IsMergeKey(e.Key)))
        {
            Merge(key, value);
        }
    }

    /// <summary>The load this mapping is part of.</summary>
    public ParseContext Context { get; }

    /// <summary>The mapping itself.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>The field path of this mapping, e.g. <c>route.routes[0]</c>.</summary>
    public string PathPrefix { get; }

    /// <summary>The kind of mapping: which keys it allows.</summary>
    public KeySection Section { get; }

    /// <summary>
    /// Opens <paramref name="node"/> as a mapping. Returns null when it is absent or an empty value
    /// (YAML null, which Alertmanager treats as "not set"), or reports an error when it is not a mapping.
    /// </summary>
    public static MapReader? Open(ParseContext context, YamlNode? node, string path, KeySection section)
    {
        if (node is null || YamlValues.IsNull(node))
        {
            return null;
        }
        if (node is not YamlMappingNode map)
        {
            context.Error(node, path, $"expected a mapping (key: value lines), got {YamlValues.Describe(node)}");
            return null;
        }
        return new MapReader(context, map, path, section);
    }

    /// <summary>The field path of <paramref name="key"/> in this mapping.</summary>
    public string PathOf(string key) => PathPrefix.Length == 0 ? key : $"{PathPrefix}.{key}";

    /// <summary>Whether the key is written at all, even with an empty value.</summary>
    public bool HasKey(string key) => _entries.ContainsKey(key);

    /// <summary>Whether the key is present with a non-null value.</summary>
    public bool Has(string key) => Value(key) is not null;

    /// <summary>The value node of <paramref name="key"/>; null when absent or YAML null.</summary>
    public YamlNode? Value(string key) =>
        _entries.TryGetValue(key, out var e) && !YamlValues.IsNull(e.Value) ? e.Value : null;

    /// <summary>The key node of <paramref name="key"/> if present (for findings about the key itself), else the mapping.</summary>
    public YamlNode KeyNode(string key) => _entries.TryGetValue(key, out var e) ? e.Key : Node;

    /// <summary>Opens the value of <paramref name="key"/> as a mapping of kind <paramref name="section"/>.</summary>
    public MapReader? Map(string key, KeySection section) => Open(Context, Value(key), PathOf(key), section);

    /// <summary>Opens each entry of the list under <paramref name="key"/> as a mapping of kind <paramref name="section"/>.</summary>
    public IEnumerable<MapReader> MapList(string key, KeySection section)
    {
        if (Sequence(key) is not { } seq)
        {
            yield break;
        }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var item = seq.Children[i];
            var path = $"{PathOf(key)}[{i}]";
            if (YamlValues.IsNull(item))
            {
                Context.Error(item, path, "empty list entry", "remove the lone '-' or give the entry its fields");
                continue;
            }
            if (Open(Context, item, path, section) is { } reader)
            {
                yield return reader;
            }
        }
    }

    /// <summary>The list under <paramref name="key"/>, or null (reporting an error when it is not a list).</summary>
    public YamlSequenceNode? Sequence(string key)
    {
        var node = Value(key);
        if (node is null or YamlSequenceNode)
        {
            return (YamlSequenceNode?)node;
        }
        Context.Error(node, PathOf(key), $"expected a list, got {YamlValues.Describe(node)}",
            $"write a YAML list: {key}: [a, b] or one '- item' per line");
        return null;
    }

    /// <summary>The line of <paramref name="key"/> in this mapping when it is written with an empty value (e.g. a bare <c>route:</c>).</summary>
    private int? EmptyKeyLine(string key) =>
        Node.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: { } k } && k == key) is { Key: not null } e && YamlValues.IsNull(e.Value)
            ? (int)e.Key.Start.Line
            : null;

    private static bool IsMergeKey(YamlNode key) => key is YamlScalarNode { Value: "<<", Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) };

    /// <summary>
    /// A YAML merge key (<c>&lt;&lt;: *defaults</c>) copies the entries of the referenced mapping(s),
    /// as Alertmanager's Go YAML library does; keys written explicitly win.
    /// </summary>
    private void Merge(YamlNode key, YamlNode value)
    {
        var sources = value switch
        {
            YamlMappingNode map => [map],
            YamlSequenceNode seq when seq.Children.All(c => c is YamlMappingNode) => seq.Children.Cast<YamlMappingNode>().ToList(),
            _ => (List<YamlMappingNode>?)null,
        };
        if (sources is null)
        {
            Context.Error(key, PathOf("<<"), "a merge key (<<) must refer to a mapping or a list of mappings", "e.g. <<: *defaults, where defaults is an &anchor on a mapping");
            return;
        }
        foreach (var (k, v) in sources.SelectMany(m => m.Children))
        {
            if (k is YamlScalarNode { Value: { } name } && !_entries.ContainsKey(name) && !IsMergeKey(k))
            {
                Add(k, v);
            }
        }
    }

    private void Add(YamlNode key, YamlNode value)
    {
        if (key is not YamlScalarNode { Value: { } name } scalar)
        {
            Context.Error(key, PathPrefix, "a key must be a plain name, not a list or mapping");
            return;
        }
        if (!Section.Allows(name))
        {
            var (message, hint) = Context.Rules.ExplainUnknownKey(Section, name, EmptyKeyLine);
            Context.Error(key, PathOf(name), message, hint);
            return;
        }
        _entries[name] = (scalar, value);
        CommentCheck.WarnIfSwallowed(Context, scalar, value, PathOf(name), Context.Rules.IsSecret(Section, name));
    }
}
