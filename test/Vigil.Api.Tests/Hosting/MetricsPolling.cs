using System.Globalization;

namespace Vigil.Api.Tests.Hosting;

/// <summary>Waits for a condition the server reports through <c>/metrics</c>: no fixed sleep, bounded by a deadline.</summary>
public static class MetricsPolling
{
    /// <summary>
    /// Polls until the sample of <paramref name="series"/> (name with labels, exactly as exposed)
    /// satisfies <paramref name="done"/>; throws <see cref="OperationCanceledException"/> after <paramref name="patience"/>.
    /// </summary>
    public static async Task WaitForAsync(HttpClient http, string series, Func<double, bool> done, TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        while (true)
        {
            var metrics = await http.GetStringAsync("/metrics", deadline.Token);
            if (TryRead(metrics, series, out var value) && done(value))
            {
                return;
            }

            await Task.Yield();
        }
    }

    private static bool TryRead(string metrics, string series, out double value)
    {
        value = 0;
        var prefix = series + " ";
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return double.TryParse(line.AsSpan(prefix.Length).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            }
        }
        return false;
    }
}
