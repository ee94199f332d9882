using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Alertmanager;
using Vigil.Api.Logging;
using Vigil.PrometheusHost;

namespace Vigil.Api.Tests.Prometheus;

/// <summary><c>--config.auto-reload</c>: checks on a fake clock, reloads when the config or a rule file changes.</summary>
public sealed class ConfigAutoReloaderTests : IDisposable
{
    // A deadlock guard only: each check is driven by the fake clock, never by waiting.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-auto-reload-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new();
    private readonly LogfmtLoggerProvider _logging;
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<bool> _outcomes = new();

    public ConfigAutoReloaderTests()
    {
        _logging = new LogfmtLoggerProvider(TextWriter.Synchronized(_log), LogLevel.Debug, LogFormat.Logfmt, TimeProvider.System);
        Directory.CreateDirectory(Path.Combine(_dir, "rules"));
        Write("prometheus.yml", "global:\n  scrape_interval: 15s\nrule_files:\n  - rules/*.yml\n");
        Write("rules/a.yml", "groups: []\n");
    }

    private string ConfigFile => Path.Combine(_dir, "prometheus.yml");

    private int Reloads { get; set; }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    private ConfigAutoReloader Start(TimeSpan? interval = null)
    {
        var reloader = new ConfigAutoReloader(ConfigFile, interval ?? Interval, _ =>
        {
            Reloads++;
            return Task.FromResult(_outcomes.Count == 0 || _outcomes.Dequeue() ? ReloadOutcome.Success : new ReloadOutcome(false, "bad"));
        }, _time, _logging.CreateLogger("main"));
        _ = reloader.RunAsync(_stop.Token);
        return reloader;
    }

    /// <summary>Moves the clock one interval and returns what the check it triggers did.</summary>
    private static async Task<AutoReloadCheck> NextCheckAsync(ConfigAutoReloader reloader, FakeTimeProvider time)
    {
        var checkedOnce = new TaskCompletionSource<AutoReloadCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChecked(AutoReloadCheck check) => checkedOnce.TrySetResult(check);
        reloader.Checked += OnChecked;
        time.Advance(reloader.Interval);
        var result = await checkedOnce.Task.WaitAsync(Guard);
        reloader.Checked -= OnChecked;
        return result;
    }

    [Fact]
    public async Task Check_NothingChanged_DoesNotReload()
    {
        var reloader = Start();

        Assert.Equal(AutoReloadCheck.Unchanged, await NextCheckAsync(reloader, _time));
        Assert.Equal(AutoReloadCheck.Unchanged, await NextCheckAsync(reloader, _time));
        Assert.Equal(0, Reloads);
    }

    [Theory]
    [InlineData("prometheus.yml", "global:\n  scrape_interval: 30s\nrule_files:\n  - rules/*.yml\n")]
    [InlineData("rules/a.yml", "groups:\n- name: g\n  rules: []\n")]
    [InlineData("rules/b.yml", "groups: []\n")]
    public async Task Check_ConfigOrRuleFileChanged_ReloadsOnceAndLogsAsUpstream(string file, string text)
    {
        var reloader = Start();

        Write(file, text);

        Assert.Equal(AutoReloadCheck.Reloaded, await NextCheckAsync(reloader, _time));
        Assert.Equal(AutoReloadCheck.Unchanged, await NextCheckAsync(reloader, _time));
        Assert.Equal(1, Reloads);
        Assert.Contains("msg=\"Configuration file change detected, reloading the configuration.\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NobodyListensToChecked_StillReloads()
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloader = new ConfigAutoReloader(ConfigFile, Interval, _ =>
        {
            reloaded.TrySetResult();
            return Task.FromResult(ReloadOutcome.Success);
        }, _time, _logging.CreateLogger("main"));
        _ = reloader.RunAsync(_stop.Token);

        Write("rules/a.yml", "groups:\n- name: g\n  rules: []\n");
        _time.Advance(Interval);

        await reloaded.Task.WaitAsync(Guard);
    }

    [Fact]
    public async Task Check_RuleFileRemoved_Reloads()
    {
        var reloader = Start();

        File.Delete(Path.Combine(_dir, "rules/a.yml"));

        Assert.Equal(AutoReloadCheck.Reloaded, await NextCheckAsync(reloader, _time));
    }

    [Fact]
    public async Task Check_ReloadFails_RetriesEachIntervalUntilItSucceeds()
    {
        var reloader = Start();
        _outcomes.Enqueue(false);
        _outcomes.Enqueue(false);

        Write("rules/a.yml", "groups: [\n");

        Assert.Equal(AutoReloadCheck.ReloadFailed, await NextCheckAsync(reloader, _time));
        Assert.Equal(AutoReloadCheck.ReloadFailed, await NextCheckAsync(reloader, _time));
        Assert.Equal(AutoReloadCheck.Reloaded, await NextCheckAsync(reloader, _time));
        Assert.Equal(AutoReloadCheck.Unchanged, await NextCheckAsync(reloader, _time));
        Assert.Equal(3, Reloads);
    }

    [Fact]
    public async Task Check_ConfigNotYaml_LogsChecksumErrorAndTriesTheReload()
    {
        var reloader = Start();
        _outcomes.Enqueue(false);

        Write("prometheus.yml", "global: [\n");

        Assert.Equal(AutoReloadCheck.ReloadFailed, await NextCheckAsync(reloader, _time));
        Assert.Contains("msg=\"Failed to generate checksum during configuration reload\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadedElsewhere_AfterSighupReload_NextCheckSeesNoChange()
    {
        var reloader = Start();
        Write("rules/a.yml", "groups:\n- name: g\n  rules: []\n");

        reloader.ReloadedElsewhere();

        Assert.Equal(AutoReloadCheck.Unchanged, await NextCheckAsync(reloader, _time));
        Assert.Equal(0, Reloads);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(5.0, 5.0)]
    public void Interval_BelowOneSecond_RaisedToOneSecondAsUpstream(double seconds, double expected)
    {
        var reloader = new ConfigAutoReloader(ConfigFile, TimeSpan.FromSeconds(seconds), _ => Task.FromResult(ReloadOutcome.Success), _time, _logging.CreateLogger("main"));

        Assert.Equal(TimeSpan.FromSeconds(expected), reloader.Interval);
    }

    [Fact]
    public void Compute_SameFiles_SameChecksumAndRuleFileContentCounts()
    {
        var before = ConfigChecksum.Compute(ConfigFile);

        Assert.Equal(before, ConfigChecksum.Compute(ConfigFile));
        Write("rules/a.yml", "groups: []\n# edited\n");
        Assert.NotEqual(before, ConfigChecksum.Compute(ConfigFile));
    }

    [Fact]
    public void Compute_ConfigMissing_ErrorNamesTheFile()
    {
        var missing = Path.Combine(_dir, "nope.yml");

        var error = Assert.Throws<IOException>(() => ConfigChecksum.Compute(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _logging.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
