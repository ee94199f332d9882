namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Expands template globs (<c>*</c> and <c>?</c> in the file name part), for check-config's summary.</summary>
internal static class TemplateGlobs
{
    /// <summary>The files a glob matches; empty when the directory does not exist.</summary>
    public static IReadOnlyList<string> Expand(string glob)
    {
        var dir = Path.GetDirectoryName(glob);
        var pattern = Path.GetFileName(glob);
        if (string.IsNullOrEmpty(dir) || dir.IndexOfAny(['*', '?', '[']) >= 0 || !Directory.Exists(dir))
        {
            return [];
        }
        return Directory.GetFiles(dir, pattern).Order(StringComparer.Ordinal).ToList();
    }
}
