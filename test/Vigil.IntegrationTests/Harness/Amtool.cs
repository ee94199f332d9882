namespace Vigil.IntegrationTests.Harness;

/// <summary>Runs the real <c>amtool</c> (0.25) against an Alertmanager.</summary>
public static class Amtool
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary><c>amtool --alertmanager.url=URL ARGS</c>. Parse <see cref="ProcessResult.StandardOutput"/>:
    /// amtool warns on stderr when the server's version differs from its own (as it does for Vigil).</summary>
    public static Task<ProcessResult> RunAsync(AlertmanagerServer server, params string[] args) =>
        ManagedProcess.RunCapturedAsync(RequiredProgram.Amtool, ["--alertmanager.url=" + server.BaseUrl, .. args], Deadline);

    /// <summary><c>amtool check-config FILE</c> (no server involved).</summary>
    public static Task<(int ExitCode, string Output)> CheckConfigAsync(string file) =>
        ManagedProcess.RunAsync(RequiredProgram.Amtool, ["check-config", file], Deadline);
}
