using System.Diagnostics;

namespace Vigil.Bench;

/// <summary>An Alertmanager (real or Vigil) started with the bench config on a free port.</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    /// <summary>USER_HZ, the unit of <c>/proc/PID/stat</c> times: 100 on every Linux architecture .NET runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    private readonly string _dir;
    private readonly ProcessStartInfo _info;
    private readonly List<string> _replayLines = [];
    private Process _process;

    private ServerUnderTest(string name, Process process, ProcessStartInfo info, string baseUrl, string dir)
    {
        Name = name;
        _process = process;
        _info = info;
        BaseUrl = baseUrl;
        _dir = dir;
        Capture(process);
    }

    /// <summary>Where the server keeps its data (the storage flag's value).</summary>
    public string DataDir => Path.Combine(_dir, "data");

    /// <summary>Log lines of the current process that mention a replay (start-up from the WAL or chunk files).</summary>
    public IReadOnlyList<string> ReplayLines
    {
        get
        {
            lock (_replayLines)
            {
                return [.. _replayLines];
            }
        }
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    /// <summary>
    /// Starts <paramref name="file"/> with Alertmanager's flags (or Prometheus's storage flag when
    /// <paramref name="storageFlag"/> says so) plus <paramref name="extraArgs"/>.
    /// </summary>
    public static async Task<ServerUnderTest> StartAsync(string name, string file, string[] leadingArgs, string[] extraArgs, string configYaml, string storageFlag = "--storage.path")
    {
        var dir = Directory.CreateTempSubdirectory("vigil-bench-").FullName;
        var config = Path.Combine(dir, "config.yml");
        await File.WriteAllTextAsync(config, configYaml);
        var address = $"127.0.0.1:{FreePort.Next()}";
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in leadingArgs.Concat([$"--config.file={config}", $"{storageFlag}={dir}/data", $"--web.listen-address={address}"]).Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var server = new ServerUnderTest(name, process, info, "http://" + address, dir);
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>
    /// Stops the server with SIGTERM (a clean shutdown), lets <paramref name="beforeStart"/> change the data
    /// directory, starts it again on the same data and returns how long it took until <c>/-/ready</c> answered.
    /// </summary>
    public async Task<TimeSpan> RestartAsync(Action<string>? beforeStart = null)
    {
        using (var term = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        beforeStart?.Invoke(DataDir);
        lock (_replayLines)
        {
            _replayLines.Clear();
        }
        var clock = Stopwatch.StartNew();
        _process = Process.Start(_info) ?? throw new InvalidOperationException($"could not start {_info.FileName}");
        Capture(_process);
        await WaitReadyAsync(TimeSpan.FromMilliseconds(10));
        return clock.Elapsed;
    }

    /// <summary>The peak resident set size of the current process so far (<c>VmHWM</c>), in MiB.</summary>
    public double PeakRssMiB() => StatusMiB("VmHWM:");

    /// <summary>Resident set size from <c>/proc/PID/status</c> (VmRSS), in MiB.</summary>
    public double RssMiB() => StatusMiB("VmRSS:");

    /// <summary>
    /// The resident set split into anonymous memory (heaps) and file-backed pages (mapped files such as head
    /// chunk files, and the binary), from <c>/proc/PID/status</c> (RssAnon, RssFile), in MiB.
    /// </summary>
    public (double Anon, double File) RssSplitMiB() => (StatusMiB("RssAnon:"), StatusMiB("RssFile:"));

    private double StatusMiB(string field)
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return kb / 1024.0;
    }

    /// <summary>
    /// CPU time the process has used so far (user + system, <c>utime</c> and <c>stime</c> of <c>/proc/PID/stat</c>),
    /// in seconds; the difference of two readings is what a window cost.
    /// </summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // The command name in parentheses may hold spaces; the numbered fields start after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const int utime = 11, stime = 12;
        return (long.Parse(fields[utime]) + long.Parse(fields[stime])) / (double)ClockTicksPerSecond;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    // Drains output so a chatty server never blocks on a full pipe, keeping what start-up says about its replay.
    private void Capture(Process process)
    {
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is { } line && line.Contains("replay", StringComparison.OrdinalIgnoreCase))
            {
                lock (_replayLines)
                {
                    _replayLines.Add(line);
                }
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private async Task WaitReadyAsync(TimeSpan? poll = null)
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(300))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before becoming ready");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"{Name} not ready after 300s");
    }
}
