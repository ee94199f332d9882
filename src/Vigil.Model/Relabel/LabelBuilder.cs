using Vigil.Model.Labels;

namespace Vigil.Model.Relabel;

/// <summary>
/// A mutable label set for applying a chain of relabel rules without building a <see cref="LabelSet"/> per
/// rule. Sets are small (tens of labels), so a list with linear lookup beats a dictionary here.
/// </summary>
internal sealed class LabelBuilder
{
    private readonly List<Label> _labels;

    public LabelBuilder(LabelSet start)
    {
        _labels = new List<Label>(start.Count + 4);
        _labels.AddRange(start);
    }

    /// <summary>The value of <paramref name="name"/>, "" when absent.</summary>
    public string Get(string name)
    {
        var i = IndexOf(name);
        return i >= 0 ? _labels[i].Value : "";
    }

    /// <summary>Sets a label; an empty value removes it, as everywhere in Prometheus.</summary>
    public void Set(string name, string value)
    {
        var i = IndexOf(name);
        if (value.Length == 0)
        {
            Delete(i);
        }
        else if (i >= 0)
        {
            _labels[i] = new Label(name, value);
        }
        else
        {
            _labels.Add(new Label(name, value));
        }
    }

    /// <summary>Removes a label if present.</summary>
    public void Delete(string name) => Delete(IndexOf(name));

    /// <summary>A copy of the current labels, so a rule may change the builder while walking them.</summary>
    public Label[] Snapshot() => _labels.ToArray();

    /// <summary>The result, sorted by name.</summary>
    public LabelSet ToLabelSet()
    {
        var sorted = _labels.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return LabelSet.FromSorted(sorted);
    }

    private void Delete(int index)
    {
        if (index >= 0)
        {
            _labels.RemoveAt(index);
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _labels.Count; i++)
        {
            if (string.Equals(_labels[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
