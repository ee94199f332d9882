namespace Vigil.IntegrationTests.Harness;

/// <summary>Locates the repository from the test assembly, so tests run from any working directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The directory holding <c>Vigil.slnx</c>.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The build configuration of this test assembly; the published binary uses the same.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Vigil.slnx above {AppContext.BaseDirectory}");
    }
}
