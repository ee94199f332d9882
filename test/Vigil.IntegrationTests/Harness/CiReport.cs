namespace Vigil.IntegrationTests.Harness;

/// <summary>
/// Lines CI prints after the test run. <c>dotnet test</c> shows a test's output only when it fails, but the crash
/// tests' counts are what the issues ask CI to report, so they also go to the file named by <c>VIGIL_CI_REPORT</c>
/// (set by <c>.ci/run</c>); without it this does nothing.
/// </summary>
public static class CiReport
{
    private static readonly Lock Gate = new();

    /// <summary>Appends <paramref name="line"/> to the CI report, when there is one.</summary>
    public static void Line(string line)
    {
        var path = Environment.GetEnvironmentVariable("VIGIL_CI_REPORT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        lock (Gate)
        {
            File.AppendAllText(path, line.ReplaceLineEndings(" ") + Environment.NewLine);
        }
    }
}
