using Vigil.Model.Labels;

namespace Vigil.PromQL.Engine;

/// <summary>
/// The groups of one aggregation node for the whole query. Range-query steps see the same series objects
/// again, so each series' group slot is found once (by reference) and every later step only appends its
/// value to that slot's reused list, instead of computing a group key and hashing it per sample per step.
/// </summary>
internal sealed class GroupSlots
{
    // Past this many remembered series (label sets built afresh at each step never hit again) the
    // series-to-slot map is cleared; the slots themselves are bounded by the distinct groups.
    private const int SeriesLimit = 200_000;

    private readonly Dictionary<LabelSet, int> _slotOfSeries = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<LabelSet, int> _slotOfKey = [];
    private readonly List<LabelSet> _keys = [];
    private readonly List<List<double>> _values = [];
    private readonly List<int> _touched = [];

    // Per slot, whether a member of the current step has its name removal pending (delayed name removal):
    // then the group's result has it pending too, as upstream marks a group by any of its members.
    private readonly List<bool> _dropName = [];

    // The series and slot seen at each input position in the previous step: steps mostly repeat the same
    // series in the same order, and comparing one reference is cheaper than a dictionary lookup.
    private LabelSet?[] _seriesAt = [];
    private int[] _slotAt = [];

    /// <summary>
    /// Adds <paramref name="value"/> of <paramref name="series"/>, the <paramref name="position"/>-th sample of
    /// the step's input, to its group for the current step; <paramref name="dropName"/> is the sample's pending name removal.
    /// </summary>
    public void Add(int position, LabelSet series, double value, bool dropName, Func<LabelSet, LabelSet> groupKey)
    {
        if (position >= _seriesAt.Length)
        {
            Array.Resize(ref _seriesAt, Math.Max(position + 1, _seriesAt.Length * 2));
            Array.Resize(ref _slotAt, _seriesAt.Length);
        }
        int slot;
        if (ReferenceEquals(_seriesAt[position], series))
        {
            slot = _slotAt[position];
        }
        else
        {
            slot = SlotOfSeries(series, groupKey);
            _seriesAt[position] = series;
            _slotAt[position] = slot;
        }
        var values = _values[slot];
        if (values.Count == 0)
        {
            _touched.Add(slot);
        }
        values.Add(value);
        if (dropName)
        {
            _dropName[slot] = true;
        }
    }

    /// <summary>Reduces each group of the current step, in order of first appearance, and empties them for the next step.</summary>
    public List<VectorSample> Drain(long t, Func<List<double>, double> reduce)
    {
        var result = new List<VectorSample>(_touched.Count);
        foreach (var slot in _touched)
        {
            result.Add(new VectorSample(_keys[slot], t, reduce(_values[slot])) { DropName = _dropName[slot] });
            _values[slot].Clear();
            _dropName[slot] = false;
        }
        _touched.Clear();
        return result;
    }

    private int SlotOfSeries(LabelSet series, Func<LabelSet, LabelSet> groupKey)
    {
        if (!_slotOfSeries.TryGetValue(series, out var slot))
        {
            slot = SlotOfKey(groupKey(series));
            if (_slotOfSeries.Count >= SeriesLimit)
            {
                _slotOfSeries.Clear();
            }
            _slotOfSeries[series] = slot;
        }
        return slot;
    }

    private int SlotOfKey(LabelSet key)
    {
        if (!_slotOfKey.TryGetValue(key, out var slot))
        {
            slot = _keys.Count;
            _keys.Add(key);
            _values.Add([]);
            _dropName.Add(false);
            _slotOfKey[key] = slot;
        }
        return slot;
    }
}
