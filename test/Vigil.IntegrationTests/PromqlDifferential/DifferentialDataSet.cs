using Vigil.Api.Tests.Prometheus;

namespace Vigil.IntegrationTests.PromqlDifferential;

/// <summary>
/// The data both servers receive: counters with resets, gauges with a gap longer than the 5m lookback and a
/// staleness marker, and classic histogram buckets, over two jobs and three instances. Seeded, so every run
/// writes the same samples. Every series' timestamps carry a sub-second offset, and the queries use other
/// offsets, so no sample sits exactly on a window edge: that is where Prometheus 2.42 (closed windows) and
/// today's upstream (left-open windows, which Vigil follows) differ.
/// </summary>
public static class DifferentialDataSet
{
    /// <summary>The first sample's time (ms).</summary>
    public const long Start = 1_700_000_000_000;

    /// <summary>How long the data runs (ms): two hours, under the 3h after which Prometheus compacts its head.</summary>
    public const long Span = 2 * 3_600_000;

    private const long Interval = 15_000;

    /// <summary>Staleness markers' exact bits (Prometheus's value.StaleNaN).</summary>
    private static readonly double StaleNaN = BitConverter.UInt64BitsToDouble(0x7ff0000000000002UL);

    private static readonly string[] Jobs = ["api", "db"];
    private static readonly string[] Instances = ["a:9100", "b:9100", "c:9100"];
    private static readonly string[] Buckets = ["0.1", "0.5", "1", "+Inf"];

    /// <summary>Every series with all its samples, oldest first.</summary>
    public static List<RemoteWriteEncoder.Series> All()
    {
        var random = new Random(20231114);
        var result = new List<RemoteWriteEncoder.Series>();
        var index = 0;
        foreach (var job in Jobs)
        {
            foreach (var instance in Instances)
            {
                foreach (var code in new[] { "200", "500" })
                {
                    result.Add(Counter(random, index++, [("__name__", "dt_requests_total"), ("job", job), ("instance", instance), ("code", code)]));
                }
                result.Add(Gauge(random, index++, [("__name__", "dt_temperature_celsius"), ("job", job), ("instance", instance)]));
                result.AddRange(Histogram(random, index, job, instance));
                index += Buckets.Length;
            }
        }
        return result;
    }

    /// <summary>The series cut into time slices, each slice one remote write body: receivers take samples in time order.</summary>
    public static IEnumerable<byte[]> Bodies(TimeSpan slice)
    {
        var all = All();
        for (var from = Start; from < Start + Span + Interval; from += (long)slice.TotalMilliseconds)
        {
            var to = from + (long)slice.TotalMilliseconds;
            yield return RemoteWriteEncoder.Encode(all
                .Select(s => s with { Samples = [.. s.Samples.Where(p => p.Timestamp >= from && p.Timestamp < to)] })
                .Where(s => s.Samples.Length > 0));
        }
    }

    private static IEnumerable<long> Times(int index)
    {
        var offset = (index * 1_000) + 137;
        for (var t = Start + offset; t <= Start + Span; t += Interval)
        {
            yield return t;
        }
    }

    // Increments of varying size; about one sample in 150 restarts the counter from a small value.
    private static RemoteWriteEncoder.Series Counter(Random random, int index, (string, string)[] labels)
    {
        var value = random.Next(1000);
        var samples = new List<(long, double)>();
        foreach (var t in Times(index))
        {
            value = random.Next(150) == 0 ? random.Next(5) : value + random.Next(20);
            samples.Add((t, value));
        }
        return new RemoteWriteEncoder.Series(labels, [.. samples]);
    }

    // A random walk in tenths with a 12-minute gap at 40m (longer than the lookback) and, for instance b,
    // a staleness marker at 90m after which the series stops.
    private static RemoteWriteEncoder.Series Gauge(Random random, int index, (string Name, string Value)[] labels)
    {
        var value = 20.0 + random.Next(10);
        var samples = new List<(long, double)>();
        var stops = labels.Any(l => l.Value == "b:9100");
        foreach (var t in Times(index))
        {
            var minute = (t - Start) / 60_000;
            value += (random.Next(11) - 5) / 10.0;
            if (minute is >= 40 and < 52)
            {
                continue;
            }
            if (stops && minute >= 90)
            {
                samples.Add((t, StaleNaN));
                break;
            }
            samples.Add((t, value));
        }
        return new RemoteWriteEncoder.Series(labels, [.. samples]);
    }

    // Cumulative buckets: each observation lands in one bucket and so counts in it and every larger one.
    private static IEnumerable<RemoteWriteEncoder.Series> Histogram(Random random, int index, string job, string instance)
    {
        var counts = new double[Buckets.Length];
        var samples = Buckets.Select(_ => new List<(long, double)>()).ToArray();
        foreach (var t in Times(index))
        {
            for (var n = random.Next(8); n > 0; n--)
            {
                var bucket = random.Next(10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 };
                for (var b = bucket; b < Buckets.Length; b++)
                {
                    counts[b]++;
                }
            }
            for (var b = 0; b < Buckets.Length; b++)
            {
                samples[b].Add((t, counts[b]));
            }
        }
        return Buckets.Select((le, b) => new RemoteWriteEncoder.Series(
            [("__name__", "dt_latency_seconds_bucket"), ("job", job), ("instance", instance), ("le", le)], [.. samples[b]]));
    }
}
