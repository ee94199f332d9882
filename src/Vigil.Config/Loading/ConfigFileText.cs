namespace Vigil.Config.Loading;

/// <summary>Reads a config or rule file for a loader, turning an unreadable file into one finding instead of an exception.</summary>
public static class ConfigFileText
{
    /// <summary>
    /// The text of <paramref name="path"/>, or null with <paramref name="error"/> saying the <paramref name="what"/>
    /// cannot be read and what to check (<paramref name="advice"/>).
    /// </summary>
    public static string? Read(string path, string what, string advice, out ConfigFinding? error)
    {
        try
        {
            error = null;
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = new ConfigFinding(path, 0, 0, "", $"cannot read the {what}: {e.Message}", advice);
            return null;
        }
    }
}
