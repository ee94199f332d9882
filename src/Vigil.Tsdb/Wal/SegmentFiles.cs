using System.Globalization;

namespace Vigil.Tsdb.Wal;

/// <summary>Names in the WAL directory: segments are 8-digit numbers, checkpoints <c>checkpoint.NNNNNNNN</c> (as upstream).</summary>
internal static class SegmentFiles
{
    public const string CheckpointPrefix = "checkpoint.";

    public static string SegmentName(int index) => index.ToString("D8", CultureInfo.InvariantCulture);

    public static string CheckpointName(int index) => CheckpointPrefix + SegmentName(index);

    /// <summary>The segment numbers present, ascending.</summary>
    public static List<int> Segments(string directory) => Numbers(directory, "");

    /// <summary>The checkpoint numbers present, ascending.</summary>
    public static List<int> Checkpoints(string directory) => Numbers(directory, CheckpointPrefix);

    private static List<int> Numbers(string directory, string prefix)
    {
        var result = new List<int>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (name.Length == prefix.Length + 8 && name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                result.Add(n);
            }
        }
        result.Sort();
        return result;
    }
}
