using Microsoft.Extensions.Logging;

namespace Vigil.Alertmanager.Silences;

/// <summary>
/// Runs <see cref="SilenceStore.CollectGarbage"/> (and so journal compaction) on a timer of the
/// injected clock, as upstream's maintenance loop does every 15 minutes.
/// </summary>
public sealed class SilenceMaintenance(SilenceStore store, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>Upstream's default maintenance interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    private ITimer? _timer;

    /// <summary>Starts collecting every <paramref name="interval"/>.</summary>
    public void Start(TimeSpan interval) => _timer = time.CreateTimer(_ => Run(), null, interval, interval);

    /// <summary>One pass; errors are logged, never thrown, so a full disk cannot kill the timer.</summary>
    public void Run()
    {
        try
        {
            var dropped = store.CollectGarbage();
            logger.LogDebug("Silence maintenance done: {Dropped} expired silences dropped", dropped);
        }
        catch (IOException e)
        {
            logger.LogError(e, "Silence maintenance failed");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();
}
