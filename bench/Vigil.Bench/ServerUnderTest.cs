using System.Diagnostics;

namespace Vigil.Bench;

/// <summary>An Alertmanager (real or Vigil) started with the bench config on a free port.</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    /// <summary>USER_HZ, the unit of <c>/proc/PID/stat</c> times: 100 on every Linux architecture .NET runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    private readonly Process _process;
    private readonly string _dir;

    private ServerUnderTest(string name, Process process, string baseUrl, string dir)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
        _dir = dir;
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
        // Drain output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerUnderTest(name, process, "http://" + address, dir);
        await server.WaitReadyAsync();
        return server;
    }

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

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
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

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} not ready after 60s");
    }
}
