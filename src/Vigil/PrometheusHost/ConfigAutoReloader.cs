using Microsoft.Extensions.Logging;
using Vigil.Api.Alertmanager;
using Vigil.Api.Logging;

namespace Vigil.PrometheusHost;

/// <summary>
/// <c>--config.auto-reload</c> (or <c>--enable-feature=auto-reload-config</c>): every interval, recomputes
/// <see cref="ConfigChecksum"/> and reloads when it changed, as upstream does. A reload that fails leaves the
/// checksum as it was, so the next check tries again (and logs the error again) until the files are fixed; a
/// checksum that cannot be computed (a file unreadable, the config not YAML) also leads to a reload attempt, whose
/// error names the file and line. Reloads made another way (SIGHUP, <c>/-/reload</c>) refresh the checksum
/// through <see cref="ReloadedElsewhere"/>.
/// </summary>
public sealed class ConfigAutoReloader
{
    /// <summary>The shortest interval; a shorter one is raised to it, as upstream.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly string _configFile;
    private readonly bool _configOptional;
    private readonly Func<CancellationToken, Task<ReloadOutcome>> _reload;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile string _checksum = "";

    /// <summary>
    /// Creates the reloader; nothing is checked until <see cref="RunAsync"/>. With <paramref name="configOptional"/>
    /// (no <c>--config.file</c> given) a missing file is the empty config, so it is reloaded only once it appears.
    /// </summary>
    public ConfigAutoReloader(string configFile, TimeSpan interval, Func<CancellationToken, Task<ReloadOutcome>> reload, TimeProvider time, ILogger logger,
        bool configOptional = false)
    {
        _configFile = configFile;
        _configOptional = configOptional;
        Interval = interval < MinimumInterval ? MinimumInterval : interval;
        _reload = reload;
        _time = time;
        _logger = logger;
    }

    /// <summary>How often the files are checked.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Raised after each check with what it did (for tests).</summary>
    public event Action<AutoReloadCheck>? Checked;

    /// <summary>
    /// Takes the current checksum, then checks every <see cref="Interval"/> until cancelled. The first timer is
    /// set before this method first yields, so a test's fake clock may be advanced as soon as it returns.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        if (TryCompute(out var initial, out var error))
        {
            _checksum = initial;
        }
        else
        {
            _logger.Error("Failed to generate initial checksum for configuration file", ("err", error));
        }
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                // Checked separately: in "Checked?.Invoke(await CheckAsync())" no subscriber would skip the check itself.
                var result = await CheckAsync(stopping).ConfigureAwait(false);
                Checked?.Invoke(result);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>Refreshes the checksum after a successful reload by SIGHUP or <c>/-/reload</c>, as upstream does.</summary>
    public void ReloadedElsewhere()
    {
        if (TryCompute(out var current, out var error))
        {
            _checksum = current;
        }
        else
        {
            _logger.Error("Failed to generate checksum during configuration reload", ("err", error));
        }
    }

    private async Task<AutoReloadCheck> CheckAsync(CancellationToken stopping)
    {
        if (!TryCompute(out var current, out var error))
        {
            // As upstream: the checksum is forgotten and a reload attempted, which reports what is wrong.
            _checksum = "";
            _logger.Error("Failed to generate checksum during configuration reload", ("err", error));
        }
        else if (current == _checksum)
        {
            return AutoReloadCheck.Unchanged;
        }
        _logger.Info("Configuration file change detected, reloading the configuration.");
        ReloadOutcome outcome;
        try
        {
            outcome = await _reload(stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a reload throws, the checks go on and the running config stays.
            _logger.Error("Error reloading config", ("err", e.Message));
            return AutoReloadCheck.ReloadFailed;
        }
        if (!outcome.Ok)
        {
            return AutoReloadCheck.ReloadFailed;
        }
        _checksum = current;
        return AutoReloadCheck.Reloaded;
    }

    private bool TryCompute(out string checksum, out string error)
    {
        try
        {
            checksum = _configOptional && !File.Exists(_configFile) ? "" : ConfigChecksum.Compute(_configFile);
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            checksum = "";
            error = e.Message;
            return false;
        }
    }
}

/// <summary>What one auto-reload check did.</summary>
public enum AutoReloadCheck
{
    /// <summary>The files were as before; nothing was done.</summary>
    Unchanged,

    /// <summary>The files changed (or could not be summed) and the reload succeeded.</summary>
    Reloaded,

    /// <summary>The files changed (or could not be summed) and the reload failed; the old config keeps running.</summary>
    ReloadFailed,
}
