namespace Vigil.IntegrationTests.Harness;

/// <summary>The published <c>vigil</c> executable: published once per test run into a temp directory
/// (or taken from <c>VIGIL_BIN</c>), then run as a subprocess like any other program.</summary>
public static class VigilBinary
{
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<string>> PathLazy = new(LocateAsync);

    /// <summary>The full path of the <c>vigil</c> executable.</summary>
    public static Task<string> PathAsync() => PathLazy.Value;

    /// <summary>Runs <c>vigil ARGS</c> to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, TimeSpan? deadline = null) =>
        await ManagedProcess.RunAsync(await PathAsync(), args, deadline ?? TimeSpan.FromSeconds(60));

    /// <summary>Starts <c>vigil ARGS</c> as a long-running process.</summary>
    public static async Task<ManagedProcess> StartAsync(IEnumerable<string> args) =>
        ManagedProcess.Start(await PathAsync(), args);

    private static async Task<string> LocateAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable("VIGIL_BIN");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            var exe = Directory.Exists(fromEnv) ? System.IO.Path.Combine(fromEnv, "vigil") : fromEnv;
            return File.Exists(exe) ? exe : throw new FileNotFoundException($"VIGIL_BIN={fromEnv} but {exe} does not exist");
        }

        var outDir = Directory.CreateTempSubdirectory("vigil-bin-").FullName;
        // Two test processes (or a test run and the bench) may publish at once; they would race on
        // the shared obj/ folders, so publishing is serialised across processes by a lock file.
        using (await AcquireLockAsync())
        {
            await PublishAsync(outDir);
        }

        return System.IO.Path.Combine(outDir, "vigil");
    }

    private static async Task PublishAsync(string outDir)
    {
        var project = System.IO.Path.Combine(RepoPaths.Root, "src", "Vigil", "Vigil.csproj");
        string[] common = ["publish", project, "-c", RepoPaths.Configuration, "-o", outDir, "-nologo", "-v", "q"];
        // The test project builds src/Vigil (see the csproj), so normally only the copy is left to do.
        var (code, output) = await ManagedProcess.RunAsync(Dotnet, [.. common, "--no-build"], PublishDeadline);
        if (code != 0)
        {
            (code, output) = await ManagedProcess.RunAsync(Dotnet, common, PublishDeadline);
        }

        if (code != 0 || !File.Exists(System.IO.Path.Combine(outDir, "vigil")))
        {
            throw new InvalidOperationException($"dotnet publish src/Vigil failed (exit {code}):\n{output}");
        }
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static async Task<FileStream> AcquireLockAsync()
    {
        var lockPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vigil-publish.lock");
        var deadline = DateTime.UtcNow + PublishDeadline;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
