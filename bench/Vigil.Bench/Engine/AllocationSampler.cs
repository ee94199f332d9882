using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Vigil.Bench.Engine;

/// <summary>
/// Listens to the runtime's allocation tick events (one about every 100 KB allocated, naming the type that crossed
/// the mark) in this process, and sums them by type and heap (small or large object heap): a sampled answer to
/// "what allocates", with no profiler attached.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    /// <summary>Prints the <paramref name="top"/> biggest allocators since the last call, and forgets them.</summary>
    public void PrintAndReset(int top)
    {
        foreach (var (key, bytes) in _bytes.OrderByDescending(e => e.Value).Take(top))
        {
            Console.WriteLine($"    ~{bytes / 1e6,8:0.0} MB  {key}");
        }
        _bytes.Clear();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }
        var names = eventData.PayloadNames!;
        var kind = Convert.ToInt32(eventData.Payload[names.IndexOf("AllocationKind")]);
        var amount = Convert.ToInt64(eventData.Payload[names.IndexOf("AllocationAmount64")]);
        var type = eventData.Payload[names.IndexOf("TypeName")] as string ?? "?";
        var heap = kind switch { 1 => "LOH", 2 => "POH", _ => "SOH" };
        _bytes.AddOrUpdate($"{heap} {type}", amount, (_, sum) => sum + amount);
    }
}
