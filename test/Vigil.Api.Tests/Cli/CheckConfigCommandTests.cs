using Vigil.Cli;

namespace Vigil.Api.Tests.Cli;

public sealed class CheckConfigCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new CommandLine(Program.Commands, "v").RunAsync(args, new CommandIo(output, error, default)).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void CheckConfig_Valid_Success()
    {
        var file = Write("ok.yml", "route:\n  receiver: a\nreceivers:\n  - name: a\n");
        var (code, output, _) = Run("check", "config", file);
        Assert.Equal(0, code);
        Assert.Contains($"Checking '{file}'  SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_Invalid_FailsNamingLineAndField()
    {
        var file = Write("bad.yml", "route:\n  receiver: nobody\nreceivers:\n  - name: a\n");
        var (code, output, _) = Run("check", "config", file);
        Assert.Equal(1, code);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
        Assert.Contains("route.receiver", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_PrometheusFile_CheckedAsPrometheusConfig()
    {
        var file = Write("prometheus.yml", "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: x\n");
        var (code, output, _) = Run("check", "config", file);
        Assert.Equal(0, code);
        Assert.Contains("is valid prometheus config file syntax", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_NoFiles_UsageError()
    {
        var (code, _, err) = Run("check", "config");
        Assert.Equal(1, code);
        Assert.StartsWith("vigil: error: required argument 'config-files' not provided, try --help", err, StringComparison.Ordinal);
    }
}

public sealed class NotifyTestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-notify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new CommandLine(Program.Commands, "v").RunAsync(args, new CommandIo(output, error, default)).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void NotifyTest_UnknownReceiver_ExitsOneListingReceivers()
    {
        var file = Path.Combine(_dir, "am.yml");
        File.WriteAllText(file, "route:\n  receiver: a\nreceivers:\n  - name: a\n");
        var (code, output, _) = Run("notify", "test", "--config.file=" + file, "--receiver=zzz");
        Assert.Equal(1, code);
        Assert.Contains("no receiver named \"zzz\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NotifyTest_BadConfig_PrintsFindingsExitsOne()
    {
        var file = Path.Combine(_dir, "bad.yml");
        File.WriteAllText(file, "route:\n  receiver: nobody\nreceivers:\n  - name: a\n");
        var (code, _, err) = Run("notify", "test", "--config.file", file);
        Assert.Equal(1, code);
        Assert.Contains("bad.yml:2:", err, StringComparison.Ordinal);
    }
}
