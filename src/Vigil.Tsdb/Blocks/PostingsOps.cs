namespace Vigil.Tsdb.Blocks;

/// <summary>Set operations on ascending series-id lists, the way matchers combine over postings.</summary>
internal static class PostingsOps
{
    public static List<int> Union(IReadOnlyList<List<int>> lists)
    {
        var all = new List<int>(lists.Sum(l => l.Count));
        foreach (var list in lists)
        {
            all.AddRange(list);
        }
        all.Sort();
        var result = new List<int>(all.Count);
        foreach (var id in all)
        {
            if (result.Count == 0 || result[^1] != id)
            {
                result.Add(id);
            }
        }
        return result;
    }

    public static List<int> Intersect(List<int> a, List<int> b)
    {
        var result = new List<int>(Math.Min(a.Count, b.Count));
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i] == b[j])
            {
                result.Add(a[i]);
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return result;
    }

    /// <summary>The ids of <paramref name="a"/> not in <paramref name="b"/>.</summary>
    public static List<int> Without(List<int> a, List<int> b)
    {
        var result = new List<int>(a.Count);
        var j = 0;
        foreach (var id in a)
        {
            while (j < b.Count && b[j] < id)
            {
                j++;
            }
            if (j >= b.Count || b[j] != id)
            {
                result.Add(id);
            }
        }
        return result;
    }
}
