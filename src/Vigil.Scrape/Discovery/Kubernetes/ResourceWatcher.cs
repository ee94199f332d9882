using Microsoft.Extensions.Logging;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// Keeps one <see cref="ResourceStore"/> in step with the API server: LIST, then WATCH from the list's
/// resource version, resuming the watch when the server ends it cleanly. A 410 Gone re-lists at once; any
/// other failure (server down, 403, malformed JSON, broken stream) is logged with role, resource and
/// namespace and re-listed after a growing delay. The store keeps the last known objects meanwhile.
/// </summary>
internal sealed class ResourceWatcher(KubeResource kind, string ns, Selectors selectors, Func<KubeApiClient> client, WatchContext context)
{
    /// <summary>First delay after a failure.</summary>
    public static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between attempts.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The objects seen.</summary>
    public ResourceStore Store { get; } = new();

    /// <summary>The resource watched.</summary>
    public KubeResource Kind => kind;

    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = MinBackoff;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ListAndWatchAsync(stop).ConfigureAwait(false);
                backoff = MinBackoff;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (KubeApiException e) when (e.IsGone)
            {
                context.Log(LogLevel.Information, "Watch expired, listing again", kind, ns, e.Message);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or InvalidOperationException or OperationCanceledException or System.Security.Cryptography.CryptographicException)
            {
                context.Log(LogLevel.Error, "Failed to list or watch Kubernetes objects", kind, ns, e.Message);
                if (!await context.DelayAsync(backoff, stop).ConfigureAwait(false))
                {
                    return;
                }
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }

    private async Task ListAndWatchAsync(CancellationToken stop)
    {
        var api = client();
        var path = kind.Path(ns);
        var list = await api.ListAsync(path, selectors, stop).ConfigureAwait(false);
        Store.Replace(list.Items);
        context.Changed();
        var version = list.ResourceVersion;
        while (!stop.IsCancellationRequested)
        {
            await foreach (var ev in api.WatchAsync(path, selectors, version, stop).ConfigureAwait(false))
            {
                version = Apply(ev) ?? version;
            }
        }
    }

    /// <summary>Applies one event; returns the resource version it carries.</summary>
    private string? Apply(WatchEvent ev)
    {
        switch (ev.Type)
        {
            case "ADDED" or "MODIFIED":
                Store.Put(ev.Object);
                context.Changed();
                break;
            case "DELETED":
                Store.Remove(ev.Object);
                context.Changed();
                break;
            case "BOOKMARK":
                break;
            default:
                throw new KubeApiException(0, $"malformed watch event: unknown type \"{ev.Type}\"");
        }
        return ev.Object.Get("metadata").OptStr("resourceVersion");
    }
}

/// <summary>What a watcher reports to and waits on: the discovery's log, change signal and clock.</summary>
internal sealed class WatchContext(string role, ILogger logger, TimeProvider time, Action changed)
{
    /// <summary>Signals that a store changed.</summary>
    public void Changed() => changed();

    /// <summary>Logs a problem of one resource and namespace.</summary>
    public void Log(LogLevel level, string message, KubeResource kind, string ns, string error) =>
        KubeLog.Write(logger, level, message, ("role", role), ("resource", kind.SelectorRole()), ("namespace", ns.Length == 0 ? "(all)" : ns), ("err", error));

    /// <summary>Waits on the injected clock; false when stopped meanwhile.</summary>
    public async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, time, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
