using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>
/// Finds candidate silences for a label set without scanning them all: each silence with an
/// equality matcher is filed under that (name, value); the rest are always candidates.
/// With 10k silences, an alert usually meets only the few filed under its own labels.
/// </summary>
internal sealed class SilenceIndex
{
    private readonly Dictionary<(string Name, string Value), HashSet<string>> _byEquality = [];
    private readonly HashSet<string> _unindexed = new(StringComparer.Ordinal);

    public void Add(Silence silence)
    {
        var key = Key(silence);
        if (key is null)
        {
            _unindexed.Add(silence.Id);
            return;
        }

        if (!_byEquality.TryGetValue(key.Value, out var ids))
        {
            _byEquality[key.Value] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        ids.Add(silence.Id);
    }

    public void Remove(Silence silence)
    {
        var key = Key(silence);
        if (key is null)
        {
            _unindexed.Remove(silence.Id);
        }
        else if (_byEquality.TryGetValue(key.Value, out var ids) && ids.Remove(silence.Id) && ids.Count == 0)
        {
            _byEquality.Remove(key.Value);
        }
    }

    public IEnumerable<string> Candidates(LabelSet labels)
    {
        foreach (var id in _unindexed)
        {
            yield return id;
        }

        foreach (var label in labels)
        {
            if (_byEquality.TryGetValue((label.Name, label.Value), out var ids))
            {
                foreach (var id in ids)
                {
                    yield return id;
                }
            }
        }
    }

    // An equality matcher on a non-empty value can only match alerts carrying exactly that label.
    private static (string, string)? Key(Silence silence)
    {
        var m = silence.Matchers.FirstOrDefault(m => m.Type == MatcherType.Equal && m.Value.Length > 0);
        return m is null ? null : (m.Name, m.Value);
    }
}
