using System.Diagnostics;

namespace Vigil.IntegrationTests.Harness;

/// <summary>Polls a condition until it holds or a deadline passes; tests never sleep for a condition.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until <paramref name="condition"/> is true; throws with <paramref name="what"/>
    /// and the diagnostics (process output, recorded requests) when the deadline passes.</summary>
    public static async Task UntilAsync(
        Func<Task<bool>> condition, TimeSpan deadline, string what, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"timed out after {deadline.TotalSeconds:0.#}s waiting for {what}\n{diagnostics?.Invoke()}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what, Func<string>? diagnostics = null) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, what, diagnostics);
}
