using Vigil.Model.Labels;
using Vigil.Tsdb.Head;

namespace Vigil.PrometheusHost.WarmUp;

/// <summary>
/// The small, made-up data set the query warm-up runs against: request counters, classic histogram buckets and
/// gauges over two hours at 15s, in a head of its own (never the user's storage). Two hours at 15s is 480 samples
/// per series, four chunks each, so queries decode chunks as they do on real data.
/// </summary>
internal static class WarmUpData
{
    /// <summary>The spacing of the samples, as a common scrape interval.</summary>
    public const long StepMs = 15_000;

    private const int Points = 480;
    private static readonly string[] Jobs = ["api", "web"];
    private static readonly string[] Buckets = ["0.05", "0.1", "0.5", "1", "5", "+Inf"];

    /// <summary>Fills a new scratch head with the data set; <paramref name="end"/> is the newest sample's timestamp (ms).</summary>
    public static TsdbHead Build(out long end)
    {
        var head = TsdbHead.ForScratch();
        var series = Series().ToArray();
        var values = new double[series.Length];
        var random = new Random(4);
        // Time order, one commit per step, as scrapes write: the head never sees a sample behind its newest.
        for (var i = 0; i < Points; i++)
        {
            var appender = head.Appender();
            for (var s = 0; s < series.Length; s++)
            {
                values[s] = series[s].Get("__name__") == "warmup_load" ? random.NextDouble() : values[s] + random.Next(10);
                appender.Append(series[s], i * StepMs, values[s]);
            }
            appender.Commit();
        }
        end = (Points - 1) * StepMs;
        return head;
    }

    private static IEnumerable<LabelSet> Series()
    {
        foreach (var job in Jobs)
        {
            for (var instance = 0; instance < 4; instance++)
            {
                var host = "host" + instance;
                yield return LabelSet.Of("__name__", "warmup_requests_total", "job", job, "instance", host, "code", "200");
                yield return LabelSet.Of("__name__", "warmup_requests_total", "job", job, "instance", host, "code", "500");
                yield return LabelSet.Of("__name__", "warmup_load", "job", job, "instance", host);
                foreach (var le in Buckets)
                {
                    yield return LabelSet.Of("__name__", "warmup_duration_seconds_bucket", "job", job, "instance", host, "le", le);
                }
            }
        }
    }
}
