namespace Vigil.IntegrationTests.Harness;

/// <summary>How a finished command ended: exit code, stdout and stderr interleaved (for messages), and stdout alone (for parsing).</summary>
public sealed record ProcessResult(int ExitCode, string Output, string StandardOutput);
