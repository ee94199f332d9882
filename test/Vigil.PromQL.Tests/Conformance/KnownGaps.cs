namespace Vigil.PromQL.Tests.Conformance;

/// <summary>
/// The checked-in list of evals we know we fail (<c>known-gaps.txt</c>: <c>file line reason</c>, or
/// <c>file * reason</c> for a whole file). A failure not listed fails CI; a listed one is reported.
/// </summary>
internal static class KnownGaps
{
    private static readonly Dictionary<(string File, string Line), string> Gaps = Load();

    public static bool TryGet(string file, int line, out string reason) =>
        Gaps.TryGetValue((file, line.ToString(System.Globalization.CultureInfo.InvariantCulture)), out reason!)
        || Gaps.TryGetValue((file, "*"), out reason!);

    private static Dictionary<(string, string), string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "known-gaps.txt");
        var gaps = new Dictionary<(string, string), string>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            gaps[(parts[0], parts[1])] = parts.Length > 2 ? parts[2] : "";
        }
        return gaps;
    }
}
