namespace Vigil.Config.Loading;

/// <summary>Did-you-mean suggestions for misspelt keys and names, shared by every config loader.</summary>
public static class KeyAdvice
{
    /// <summary>"did you mean X?" for the allowed key of <paramref name="section"/> closest to <paramref name="key"/>, or null when none is close.</summary>
    public static string? DidYouMean(KeySection section, string key) => DidYouMean(section.Keys, key);

    /// <summary>"did you mean X?" for the candidate closest to <paramref name="key"/>, or null when none is close.</summary>
    public static string? DidYouMean(IEnumerable<string> candidates, string key)
    {
        var best = candidates
            .Select(k => (Key: k, Distance: EditDistance(key.ToLowerInvariant(), k)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        // A third of the length, capped: short keys only forgive one slip, so unrelated words are not suggested.
        if (best.Key is null || best.Distance > Math.Max(1, Math.Min(3, key.Length / 3)))
        {
            return null;
        }
        return best.Distance == 0 ? $"keys are case-sensitive: did you mean {best.Key}?" : $"did you mean {best.Key}?";
    }

    /// <summary>Levenshtein distance, counting a swap of two neighbours as one edit (typos like grop_by).</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
