using System.Diagnostics;

namespace Vigil.Bench;

/// <summary>Publishes <c>src/Vigil</c> (Release) into a temp directory, under the same cross-process lock file
/// the integration tests use, so a bench and a test run never publish over each other.</summary>
public static class VigilPublisher
{
    public static async Task<string> PublishAsync()
    {
        var root = FindRoot();
        var outDir = Directory.CreateTempSubdirectory("vigil-bench-bin-").FullName;
        await using var gate = await LockAsync();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", Path.Combine(root, "src", "Vigil", "Vigil.csproj"), "-c", "Release", "-o", outDir, "-nologo", "-v", "q" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish src/Vigil failed:\n" + output);
        }

        return Path.Combine(outDir, "vigil");
    }

    private static async Task<FileStream> LockAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-publish.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run from inside the repository, or pass --vigil-bin");
    }
}
