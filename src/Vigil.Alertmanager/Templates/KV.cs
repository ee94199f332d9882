using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Templates;

/// <summary>
/// A label or annotation set as templates see it (Go's <c>template.KV</c>): <c>.CommonLabels.alertname</c>
/// reads a value, and <see cref="SortedPairs"/>, <see cref="Names"/>, <see cref="Values"/> and
/// <see cref="Remove"/> are the methods user templates call.
/// </summary>
/// <remarks>
/// The dictionary members are implemented explicitly on purpose: a template engine that prefers
/// public members over map keys would otherwise let a label called <c>Count</c> or <c>Keys</c>
/// resolve to a C# member instead of the label's value. Enumeration is in ordinal key order, which
/// is the order Go's <c>range</c> and <c>encoding/json</c> use for maps.
/// </remarks>
public sealed class KV : IReadOnlyDictionary<string, string>
{
    private readonly SortedDictionary<string, string> _map;

    /// <summary>An empty set.</summary>
    public static KV Empty { get; } = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    private KV(SortedDictionary<string, string> map) => _map = map;

    /// <summary>Builds a set from name/value pairs (the last value wins for a repeated name).</summary>
    public static KV From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            map[name] = value;
        }
        return new KV(map);
    }

    /// <summary>Builds a set from a label set.</summary>
    public static KV From(LabelSet labels) => From(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)));

    /// <summary>The value of <paramref name="name"/>, or "" when absent (Go's missing map key gives the zero value).</summary>
    public string this[string name] => _map.TryGetValue(name, out var v) ? v : "";

    /// <summary>The pairs sorted by name, with <c>alertname</c> first when present (as upstream orders them for subjects).</summary>
    public Pairs SortedPairs()
    {
        var pairs = new List<Pair>(_map.Count);
        if (_map.TryGetValue(LabelName.AlertName, out var alertName))
        {
            pairs.Add(new Pair(LabelName.AlertName, alertName));
        }
        foreach (var (name, value) in _map)
        {
            if (name != LabelName.AlertName)
            {
                pairs.Add(new Pair(name, value));
            }
        }
        return new Pairs(pairs);
    }

    /// <summary>The names in <see cref="SortedPairs"/> order.</summary>
    public Strings Names() => SortedPairs().Names();

    /// <summary>The values in <see cref="SortedPairs"/> order.</summary>
    public Strings Values() => SortedPairs().Values();

    /// <summary>A copy without the given names.</summary>
    public KV Remove(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return From(_map.Where(kv => !drop.Contains(kv.Key)));
    }

    /// <summary>Renders as <c>name=value, name=value</c> in <see cref="SortedPairs"/> order, like Go's <c>KV.String()</c>.</summary>
    public override string ToString() => SortedPairs().ToString();

    int IReadOnlyCollection<KeyValuePair<string, string>>.Count => _map.Count;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => _map.Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => _map.Values;

    string IReadOnlyDictionary<string, string>.this[string key] => _map[key];

    bool IReadOnlyDictionary<string, string>.ContainsKey(string key) => _map.ContainsKey(key);

    bool IReadOnlyDictionary<string, string>.TryGetValue(string key, [MaybeNullWhen(false)] out string value) =>
        _map.TryGetValue(key, out value);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => _map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _map.GetEnumerator();
}
