using Vigil.PromQL.Engine;

namespace Vigil.PromQL.Functions;

/// <summary>
/// The k-element binary heap topk/bottomk choose with, kept with exactly upstream's operations (push, then
/// replace-the-root-and-sift), because among equal values which series survive depends on the heap's shape.
/// The root is the element that would be dropped next: the smallest for topk, the largest for bottomk; NaN
/// always ranks as "drop first".
/// </summary>
internal sealed class SelectionHeap(bool keepLargest)
{
    private readonly List<VectorSample> _items = [];

    public List<VectorSample> Items => _items;

    /// <summary>Offers a sample to a heap holding at most <paramref name="k"/>.</summary>
    public void Offer(VectorSample s, long k)
    {
        if (_items.Count < k)
        {
            _items.Add(s);
            Up(_items.Count - 1);
            return;
        }
        var root = _items[0].Value;
        var better = keepLargest ? root < s.Value : root > s.Value;
        if (better || (double.IsNaN(root) && !double.IsNaN(s.Value)))
        {
            _items[0] = s;
            if (k > 1 && !Down(0))
            {
                Up(0);
            }
        }
    }

    // Whether item i belongs nearer the root than item j.
    private bool Less(int i, int j)
    {
        var (a, b) = (_items[i].Value, _items[j].Value);
        return double.IsNaN(a) || (keepLargest ? a < b : a > b);
    }

    private void Up(int j)
    {
        while (j > 0)
        {
            var parent = (j - 1) / 2;
            if (!Less(j, parent))
            {
                break;
            }
            (_items[parent], _items[j]) = (_items[j], _items[parent]);
            j = parent;
        }
    }

    private bool Down(int start)
    {
        var i = start;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= _items.Count)
            {
                break;
            }
            if (child + 1 < _items.Count && Less(child + 1, child))
            {
                child++;
            }
            if (!Less(child, i))
            {
                break;
            }
            (_items[i], _items[child]) = (_items[child], _items[i]);
            i = child;
        }
        return i > start;
    }
}
