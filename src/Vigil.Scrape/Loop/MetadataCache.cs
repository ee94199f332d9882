using Vigil.Storage;
using Vigil.Scrape.Parsing;

namespace Vigil.Scrape.Loop;

/// <summary>
/// A target's metric metadata (HELP, TYPE, UNIT per family), kept as upstream's scrape cache keeps it: a family
/// stays listed for 10 scrapes after its lines disappear. The scrape loop feeds it every metadata line; readers
/// (the API) get an immutable snapshot that is rebuilt only in a scrape where something changed.
/// </summary>
/// <remarks>
/// Targets print their metadata in the same order every scrape, so each line is first compared with the family
/// seen at the same position last time (two short memory compares); only a line out of that order costs a hash
/// lookup. Strings are built only for families or texts that changed. Written by one scrape loop at a time.
/// </remarks>
internal sealed class MetadataCache
{
    /// <summary>Upstream forgets a family's metadata once it has been absent this many scrapes.</summary>
    private const int KeepScrapes = 10;

    private readonly Dictionary<byte[], Family> _families = new(RawKeyComparer.Instance);
    private readonly Dictionary<byte[], Family>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private List<Family> _order = [];
    private List<Family> _seen = [];
    private long _scrape;
    private bool _changed;
    private volatile IReadOnlyList<MetricMetadata> _published = [];

    public MetadataCache()
    {
        _lookup = _families.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The metadata as of the last finished scrape, sorted by family.</summary>
    public IReadOnlyList<MetricMetadata> Current => _published;

    /// <summary>Takes a HELP, TYPE or UNIT entry the parser just returned; other entries are ignored.</summary>
    public void Observe(ExpositionEntry entry, ExpositionParser parser)
    {
        if (entry is not (ExpositionEntry.Help or ExpositionEntry.Type or ExpositionEntry.Unit))
        {
            return;
        }
        var family = Find(parser);
        family.LastSeen = _scrape;
        _changed |= entry switch
        {
            ExpositionEntry.Type => family.SetType(parser.Type),
            ExpositionEntry.Help => family.SetHelp(parser),
            _ => family.SetUnit(parser.Unit),
        };
    }

    /// <summary>Ends a scrape: after a successful one, forgets long-absent families; publishes if anything changed.</summary>
    public void ScrapeDone(bool succeeded)
    {
        if (succeeded)
        {
            Evict();
        }
        // The next scrape is expected to repeat this one's order.
        (_order, _seen) = (_seen, _order);
        _seen.Clear();
        if (_changed)
        {
            _published = [.. _families.Values.Select(f => f.Snapshot()).OrderBy(m => m.Family, StringComparer.Ordinal)];
            _changed = false;
        }
        _scrape++;
    }

    private Family Find(ExpositionParser parser)
    {
        var name = parser.MetricName;
        var last = _seen.Count > 0 ? _seen[^1] : null;
        if (last is not null && last.Key.AsSpan().SequenceEqual(name))
        {
            // HELP and TYPE of one family follow each other.
            return last;
        }
        var position = _seen.Count;
        var family = position < _order.Count && _order[position].Key.AsSpan().SequenceEqual(name) ? _order[position] : null;
        if (family is null && !_lookup.TryGetValue(name, out family))
        {
            family = new Family(name.ToArray(), parser.MetricNameString());
            _families[family.Key] = family;
            _changed = true;
        }
        _seen.Add(family);
        return family;
    }

    private void Evict()
    {
        List<byte[]>? gone = null;
        foreach (var (key, family) in _families)
        {
            if (_scrape - family.LastSeen > KeepScrapes)
            {
                (gone ??= []).Add(key);
            }
        }
        if (gone is not null)
        {
            gone.ForEach(k => _families.Remove(k));
            _changed = true;
        }
    }

    private sealed class Family(byte[] key, string name)
    {
        private byte[] _rawHelp = [];
        private MetricType _type;
        private string _help = "";
        private string _unit = "";

        public byte[] Key { get; } = key;

        public long LastSeen { get; set; }

        public bool SetType(MetricType type)
        {
            var changed = type != _type;
            _type = type;
            return changed;
        }

        public bool SetHelp(ExpositionParser parser)
        {
            if (parser.RawText.SequenceEqual(_rawHelp))
            {
                return false;
            }
            _rawHelp = parser.RawText.ToArray();
            _help = parser.Help();
            return true;
        }

        public bool SetUnit(string unit)
        {
            var changed = !string.Equals(unit, _unit, StringComparison.Ordinal);
            _unit = unit;
            return changed;
        }

        public MetricMetadata Snapshot() => new(name, _type, _help, _unit);
    }
}
