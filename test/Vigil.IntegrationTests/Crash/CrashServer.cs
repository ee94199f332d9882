using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Crash;

/// <summary><c>vigil alertmanager</c> (or the real Alertmanager, for comparison) on a storage directory that outlives it: each start gets a fresh port and
/// config directory, the storage path stays. Disposing kills it with SIGKILL (as <c>kill -9</c>): no shutdown
/// hook runs, so whatever is on disk is exactly what a crash would leave.</summary>
public sealed class CrashServer : ServerProcess
{
    private CrashServer(string name, ManagedProcess process, string address, TempDirectory configDir)
        : base(name, process, address, configDir)
    {
    }

    /// <summary>Starts on <paramref name="storagePath"/> and waits for <c>/-/ready</c>; throws (with the
    /// output) if the process exits first, which is how a failed recovery would show.</summary>
    public static async Task<CrashServer> StartAsync(AlertmanagerFlavor flavor, string storagePath, string configYaml)
    {
        var configDir = new TempDirectory("vigil-crash-config");
        var address = FreePort.NextAddress();
        string[] args =
        [
            "--config.file=" + configDir.Write("alertmanager.yml", configYaml),
            "--storage.path=" + storagePath,
            "--web.listen-address=" + address,
        ];
        var process = flavor == AlertmanagerFlavor.Vigil
            ? await VigilBinary.StartAsync(["alertmanager", .. args])
            : ManagedProcess.Start(RequiredProgram.Alertmanager, [.. args, "--cluster.listen-address="]);
        var server = new CrashServer(flavor == AlertmanagerFlavor.Vigil ? "vigil alertmanager" : "alertmanager 0.25", process, address, configDir);
        try
        {
            await server.WaitReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
