using Vigil.Alertmanager.Config.Loading;
using Vigil.Alertmanager.Templates;

namespace Vigil.Alertmanager.Config;

/// <summary>
/// <c>amtool check-config</c>: loads each file and prints <c>Checking 'f'  SUCCESS</c> with a summary of
/// what was found, or <c>  FAILED:</c> with every error, then any warnings. Exit code 0 when all files are
/// valid, 1 otherwise.
/// </summary>
public static class ConfigCheck
{
    /// <summary>Checks <paramref name="files"/>, writing the report to <paramref name="stdout"/>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> files, TextWriter stdout)
    {
        var failed = 0;
        foreach (var file in files)
        {
            failed += CheckOne(file, stdout) ? 0 : 1;
            stdout.WriteLine();
        }
        if (failed > 0)
        {
            stdout.WriteLine($"error: failed to validate {failed} file(s)");
            return 1;
        }
        return 0;
    }

    private static bool CheckOne(string file, TextWriter stdout)
    {
        stdout.Write($"Checking '{file}'");
        var result = ConfigLoader.LoadFile(file).WithTemplateErrors(TimeProvider.System);
        if (result.Ok)
        {
            stdout.WriteLine("  SUCCESS");
        }
        else
        {
            stdout.WriteLine($"  FAILED: {result.Errors.Count} error(s)");
            foreach (var error in result.Errors)
            {
                stdout.WriteLine($"  {error}");
            }
        }
        foreach (var warning in result.Warnings)
        {
            stdout.WriteLine($"  WARNING: {warning}");
        }
        if (result.Config is { } config)
        {
            Summarize(config, stdout);
        }
        return result.Ok;
    }

    private static void Summarize(AlertmanagerConfig config, TextWriter stdout)
    {
        stdout.WriteLine("Found:");
        stdout.WriteLine(" - global config");
        stdout.WriteLine(" - route");
        stdout.WriteLine($" - {config.InhibitRules.Count} inhibit rules");
        stdout.WriteLine($" - {config.Receivers.Count} receivers");
        stdout.WriteLine($" - {config.Templates.Count} templates");
        if (config.Templates.Count == 0)
        {
            return;
        }
        foreach (var glob in config.Templates.Where(g => TemplateGlobs.Expand(g).Count == 0))
        {
            // Upstream accepts a glob that matches nothing; say so, since it usually means a file that is not mounted.
            stdout.WriteLine($"  WARNING: template glob '{glob}' matches no files");
        }
        stdout.WriteLine("  SUCCESS");
    }
}
