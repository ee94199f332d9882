using System.Collections;

namespace Vigil.Model.Labels;

/// <summary>
/// An immutable set of labels kept sorted by name, so equality, hashing and fingerprints are
/// cheap and deterministic. A label with an empty value is the same as an absent label, as in
/// Prometheus, so empty values are dropped on construction.
/// </summary>
public sealed class LabelSet : IReadOnlyList<Label>, IEquatable<LabelSet>
{
    private readonly Label[] _labels;
    private int _hash;

    /// <summary>The set with no labels.</summary>
    public static LabelSet Empty { get; } = new([]);

    private LabelSet(Label[] sortedLabels) => _labels = sortedLabels;

    /// <summary>Builds a set from labels in any order; the last value wins for a repeated name.</summary>
    public static LabelSet From(IEnumerable<Label> labels)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            map[label.Name] = label.Value;
        }
        return FromSorted(map.Where(kv => kv.Value.Length > 0).Select(kv => new Label(kv.Key, kv.Value)).ToArray());
    }

    /// <summary>Builds a set from name/value pairs, e.g. a JSON object.</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> pairs) =>
        From(pairs.Select(p => new Label(p.Key, p.Value)));

    /// <summary>Builds a set from alternating names and values: <c>Of("job", "node", "instance", "a:9100")</c>.</summary>
    public static LabelSet Of(params string[] namesAndValues)
    {
        if (namesAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("names and values must come in pairs", nameof(namesAndValues));
        }
        var labels = new Label[namesAndValues.Length / 2];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = new Label(namesAndValues[2 * i], namesAndValues[(2 * i) + 1]);
        }
        return From(labels);
    }

    /// <summary>Wraps labels the caller guarantees are sorted by name, unique and non-empty.</summary>
    public static LabelSet FromSorted(Label[] sortedLabels) => sortedLabels.Length == 0 ? Empty : new LabelSet(sortedLabels);

    /// <inheritdoc />
    public int Count => _labels.Length;

    /// <inheritdoc />
    public Label this[int index] => _labels[index];

    /// <summary>The value of <paramref name="name"/>, or "" when absent (Prometheus semantics).</summary>
    public string Get(string name)
    {
        var i = IndexOf(name);
        return i >= 0 ? _labels[i].Value : "";
    }

    /// <summary>Whether the set has a (non-empty) label called <paramref name="name"/>.</summary>
    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>Tries to read a label's value.</summary>
    public bool TryGet(string name, out string value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _labels[i].Value : "";
        return i >= 0;
    }

    /// <summary>The label names in order.</summary>
    public IEnumerable<string> Names => _labels.Select(l => l.Name);

    /// <summary>The labels as a span, for hot paths.</summary>
    public ReadOnlySpan<Label> AsSpan() => _labels;

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> (removed when empty).</summary>
    public LabelSet With(string name, string value) => From(_labels.Append(new Label(name, value)));

    /// <summary>A copy keeping only the given names.</summary>
    public LabelSet Keep(IEnumerable<string> names)
    {
        var keep = names as ISet<string> ?? new HashSet<string>(names, StringComparer.Ordinal);
        return FromSorted(_labels.Where(l => keep.Contains(l.Name)).ToArray());
    }

    /// <summary>A copy without the given names.</summary>
    public LabelSet Without(IEnumerable<string> names)
    {
        var drop = names as ISet<string> ?? new HashSet<string>(names, StringComparer.Ordinal);
        return FromSorted(_labels.Where(l => !drop.Contains(l.Name)).ToArray());
    }

    /// <summary>A copy with every label of <paramref name="other"/> added, <paramref name="other"/> winning on conflicts.</summary>
    public LabelSet Merge(LabelSet other) => From(_labels.Concat(other._labels));

    /// <summary>The Prometheus/Alertmanager fingerprint of this set (identical to Go's <c>model.LabelSet.Fingerprint</c>).</summary>
    public Fingerprint Fingerprint => Fingerprint.Of(this);

    /// <summary>
    /// Renders as Go's <c>model.LabelSet.String()</c>: <c>{a="1", b="2"}</c>. Go sorts the rendered
    /// <c>name="value"</c> strings, not the names, so <c>env2</c> comes before <c>env</c>; group keys
    /// depend on this order.
    /// </summary>
    public override string ToString()
    {
        var rendered = new string[_labels.Length];
        for (var i = 0; i < _labels.Length; i++)
        {
            rendered[i] = _labels[i].Name + "=" + GoString.Quote(_labels[i].Value);
        }
        Array.Sort(rendered, StringComparer.Ordinal);
        return "{" + string.Join(", ", rendered) + "}";
    }

    /// <summary>The labels as a dictionary (a new copy).</summary>
    public Dictionary<string, string> ToDictionary() => _labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(LabelSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        return other is not null && _labels.AsSpan().SequenceEqual(other._labels);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = (int)Fingerprint.Value ^ (int)(Fingerprint.Value >> 32);
            _hash = h == 0 ? 1 : h;
        }
        return _hash;
    }

    /// <inheritdoc />
    public IEnumerator<Label> GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        int lo = 0, hi = _labels.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var c = string.CompareOrdinal(_labels[mid].Name, name);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
