using System.Diagnostics;
using System.Text;

namespace Vigil.IntegrationTests.Harness;

/// <summary>A child process whose stdout and stderr are captured for failure messages and which is
/// killed (with its children) on dispose, so no test leaves a server behind.</summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _stdout = new();
    private readonly Lock _gate = new();

    private ManagedProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    /// <summary>The command line, for messages.</summary>
    public string Description { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything written to stdout and stderr so far, interleaved as it arrived.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Only what was written to stdout (for parsing a tool's output apart from its warnings).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/> (passed as separate arguments, no shell).</summary>
    public static ManagedProcess Start(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, file + " " + string.Join(' ', info.ArgumentList));
        process.OutputDataReceived += (_, e) => managed.Append(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data, stdout: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Runs a command to completion (with a deadline) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IEnumerable<string> args, TimeSpan deadline, string? workingDirectory = null)
    {
        await using var process = Start(file, args, workingDirectory);
        await process.WaitForExitAsync(deadline);
        return (process.ExitCode, process.Output);
    }

    /// <summary>Runs a command to completion (with a deadline); the result keeps stdout apart.</summary>
    public static async Task<ProcessResult> RunCapturedAsync(string file, IEnumerable<string> args, TimeSpan deadline)
    {
        await using var process = Start(file, args);
        await process.WaitForExitAsync(deadline);
        return new ProcessResult(process.ExitCode, process.Output, process.StandardOutput);
    }

    /// <summary>Waits for the process to exit; kills it and throws if the deadline passes first.</summary>
    public async Task WaitForExitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Description} did not exit within {deadline.TotalSeconds:0.#}s\n{Output}");
        }

        // WaitForExitAsync returns once the output streams have closed too, so Output is complete.
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan deadline) =>
        Poll.UntilAsync(() => Output.Contains(text, StringComparison.Ordinal), deadline, $"'{text}' in the output of {Description}", Diagnostics);

    /// <summary>Sends a Unix signal (HUP for reload, TERM for shutdown).</summary>
    public async Task SignalAsync(string signal)
    {
        var (code, output) = await RunAsync("kill", ["-" + signal, Id.ToString()], TimeSpan.FromSeconds(10));
        if (code != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} failed: {output}");
        }
    }

    /// <summary>The command and its output, for assertion messages.</summary>
    public string Diagnostics() => $"--- {Description} (exited: {HasExitedSafe()}) ---\n{Output}";

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // The kernel will reap it; a test must not hang on cleanup.
        }

        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private string HasExitedSafe()
    {
        try
        {
            return _process.HasExited ? $"yes, code {_process.ExitCode}" : "no";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private void Append(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
            if (stdout)
            {
                _stdout.AppendLine(line);
            }
        }
    }
}
