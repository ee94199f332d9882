namespace Vigil.PromQL.Tests.Conformance;

/// <summary>Finds upstream's PromQL scripts: <c>shared/conformance/promql</c> beside the repository root.</summary>
internal static class ConformanceFiles
{
    public static string Directory { get; } = Locate();

    public static IEnumerable<string> All => System.IO.Directory.GetFiles(Directory, "*.test").OrderBy(f => f, StringComparer.Ordinal);

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }
        if (dir?.Parent is null)
        {
            throw new InvalidOperationException("repository root (Vigil.slnx) not found above " + AppContext.BaseDirectory);
        }
        var candidates = new[]
        {
            Path.Combine(dir.Parent.FullName, "shared", "conformance", "promql"),
            "/work/shared/conformance/promql",
        };
        return candidates.FirstOrDefault(System.IO.Directory.Exists)
            ?? throw new InvalidOperationException("conformance scripts not found at " + candidates[0]);
    }
}
