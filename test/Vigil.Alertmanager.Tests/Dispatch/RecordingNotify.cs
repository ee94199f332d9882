using System.Collections.Concurrent;
using Vigil.Alertmanager.Dispatch;
using Vigil.Model;

namespace Vigil.Alertmanager.Tests.Dispatch;

/// <summary>A NotifyFunc that records every flush and answers with <see cref="Result"/> (or a gate task).</summary>
public sealed class RecordingNotify
{
    public sealed record Call(FlushContext Context, IReadOnlyList<Alert> Alerts, CancellationToken Token);

    public ConcurrentQueue<Call> Calls { get; } = new();

    public bool Result { get; set; } = true;

    /// <summary>When set, notify waits for this task (a slow receiver).</summary>
    public Func<CancellationToken, Task<bool>>? Gate { get; set; }

    public NotifyFunc Func => (context, alerts, token) =>
    {
        Calls.Enqueue(new Call(context, alerts, token));
        return Gate is { } gate ? gate(token) : Task.FromResult(Result);
    };

    public List<Call> Take()
    {
        var taken = new List<Call>();
        while (Calls.TryDequeue(out var call))
        {
            taken.Add(call);
        }
        return taken;
    }
}
