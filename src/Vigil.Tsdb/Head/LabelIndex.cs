using Vigil.Model.Labels;

namespace Vigil.Tsdb.Head;

/// <summary>
/// The inverted index: label name, then value, to the ascending references of the series carrying
/// that pair. Not thread-safe; the head guards it with a reader/writer lock.
/// </summary>
internal sealed class LabelIndex
{
    private readonly Dictionary<string, NameEntry> _names = new(StringComparer.Ordinal);
    private readonly PostingList _all = new("");

    public int SeriesCount => _all.Count;

    /// <summary>
    /// Indexes a series and returns its labels rebuilt from the index's own strings, so the many
    /// series sharing a name or value share one string object.
    /// </summary>
    public LabelSet Add(ulong reference, LabelSet labels)
    {
        var shared = new Label[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (!_names.TryGetValue(label.Name, out var entry))
            {
                entry = new NameEntry(label.Name);
                _names.Add(label.Name, entry);
            }
            if (!entry.Values.TryGetValue(label.Value, out var list))
            {
                list = new PostingList(label.Value);
                entry.Values.Add(label.Value, list);
            }
            list.Add(reference);
            shared[i] = new Label(entry.Name, list.Value);
        }
        _all.Add(reference);
        return LabelSet.FromSorted(shared);
    }

    /// <summary>Removes series; <paramref name="removed"/> holds their references ascending.</summary>
    public void Remove(ulong[] removed, IEnumerable<LabelSet> labelSets)
    {
        var touched = new HashSet<(string, string)>();
        foreach (var labels in labelSets)
        {
            foreach (var label in labels.AsSpan())
            {
                touched.Add((label.Name, label.Value));
            }
        }
        foreach (var (name, value) in touched)
        {
            var entry = _names[name];
            var list = entry.Values[value];
            list.RemoveAll(removed);
            if (list.Count == 0)
            {
                entry.Values.Remove(value);
                if (entry.Values.Count == 0)
                {
                    _names.Remove(name);
                }
            }
        }
        _all.RemoveAll(removed);
    }

    /// <summary>
    /// The references of series matching every matcher, as upstream: equality-style matchers are
    /// intersected first; a matcher that matches the empty string also matches series lacking the
    /// label, so it is applied by subtracting the series whose value it rejects.
    /// </summary>
    public ulong[] Select(IReadOnlyList<Matcher> matchers)
    {
        ulong[]? result = null;
        List<ulong[]>? subtract = null;
        foreach (var m in Ordered(matchers))
        {
            if (m.MatchesEmpty)
            {
                (subtract ??= []).Add(Rejected(m));
                continue;
            }
            var matched = Matching(m);
            result = result is null ? matched : Postings.Intersect(result, matched);
            if (result.Length == 0)
            {
                return [];
            }
        }
        result ??= _all.ToArray();
        return subtract is null ? result : Postings.Without(result, Postings.Union(subtract));
    }

    public IReadOnlyList<string> Names()
    {
        var names = new List<string>(_names.Keys);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public IReadOnlyList<string> Values(string name)
    {
        if (!_names.TryGetValue(name, out var entry))
        {
            return [];
        }
        var values = new List<string>(entry.Values.Keys);
        values.Sort(StringComparer.Ordinal);
        return values;
    }

    /// <summary>
    /// Totals and rankings for <c>/api/v1/status/tsdb</c>: series per value of <paramref name="byLabel"/>,
    /// values per name, bytes per name (each name and value as upstream sizes a stored label string:
    /// its length plus a 1-byte length prefix, 4 bytes from 255 on, times the series carrying it), and
    /// series per pair.
    /// </summary>
    public Cardinality Count(string byLabel, int limit)
    {
        var (byMetric, valuesByName, bytesByName, seriesByPair) = (new TopCounts(limit), new TopCounts(limit), new TopCounts(limit), new TopCounts(limit));
        var pairs = 0;
        foreach (var (name, entry) in _names)
        {
            valuesByName.Add(name, entry.Values.Count);
            pairs += entry.Values.Count;
            long bytes = 0;
            foreach (var (value, list) in entry.Values)
            {
                if (name == byLabel)
                {
                    byMetric.Add(value, list.Count);
                }
                seriesByPair.Add(name + "=" + value, list.Count);
                bytes += (long)(StoredSize(name) + StoredSize(value)) * list.Count;
            }
            bytesByName.Add(name, bytes);
        }
        return new Cardinality(_all.Count, pairs, byMetric.Largest(), valuesByName.Largest(), bytesByName.Largest(), seriesByPair.Largest());
    }

    private static int StoredSize(string text)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(text);
        return length + (length < 255 ? 1 : 4);
    }

    /// <summary>Equality matchers first: they are a single lookup and usually shrink the set most.</summary>
    private static List<Matcher> Ordered(IReadOnlyList<Matcher> matchers)
    {
        var ordered = new List<Matcher>(matchers.Count);
        foreach (var m in matchers)
        {
            if (m.Type == MatcherType.Equal)
            {
                ordered.Add(m);
            }
        }
        foreach (var m in matchers)
        {
            if (m.Type != MatcherType.Equal)
            {
                ordered.Add(m);
            }
        }
        return ordered;
    }

    /// <summary>Series whose value for the label satisfies <paramref name="m"/> (which rejects the empty value).</summary>
    private ulong[] Matching(Matcher m)
    {
        if (!_names.TryGetValue(m.Name, out var entry))
        {
            return [];
        }
        if (m.Type == MatcherType.Equal)
        {
            return entry.Values.TryGetValue(m.Value, out var one) ? one.ToArray() : [];
        }
        return UnionWhere(entry, m, wanted: true);
    }

    /// <summary>Series that carry the label with a value <paramref name="m"/> rejects.</summary>
    private ulong[] Rejected(Matcher m) =>
        _names.TryGetValue(m.Name, out var entry) ? UnionWhere(entry, m, wanted: false) : [];

    private static ulong[] UnionWhere(NameEntry entry, Matcher m, bool wanted)
    {
        var lists = new List<ulong[]>();
        foreach (var (value, list) in entry.Values)
        {
            if (m.Matches(value) == wanted)
            {
                lists.Add(list.ToArray());
            }
        }
        return Postings.Union(lists);
    }

    /// <summary>The result of <see cref="Count"/>.</summary>
    public sealed record Cardinality(int Series, int Pairs, List<Storage.CountStat> ByMetric, List<Storage.CountStat> ValuesByName, List<Storage.CountStat> BytesByName, List<Storage.CountStat> SeriesByPair);

    private sealed class NameEntry(string name)
    {
        public string Name { get; } = name;

        public Dictionary<string, PostingList> Values { get; } = new(StringComparer.Ordinal);
    }
}
