namespace Vigil.IntegrationTests.Harness;

/// <summary>Finds the real programs the tests compare against. A missing program fails the test
/// loudly (never skips it): CI installs them in <c>.ci/run</c>.</summary>
public static class RequiredProgram
{
    /// <summary>The full path of <paramref name="name"/> on PATH.</summary>
    public static string Find(string name, string debianPackage)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var dir in dirs.Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"'{name}' is not installed; these tests need it. Install it with `apt-get install {debianPackage}` (.ci/run does).");
    }

    public static string Alertmanager => Find("prometheus-alertmanager", "prometheus-alertmanager");

    public static string Amtool => Find("amtool", "prometheus-alertmanager");

    public static string Prometheus => Find("prometheus", "prometheus");

    public static string NodeExporter => Find("prometheus-node-exporter", "prometheus-node-exporter");
}
