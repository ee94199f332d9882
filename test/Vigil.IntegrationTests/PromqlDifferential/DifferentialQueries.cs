namespace Vigil.IntegrationTests.PromqlDifferential;

/// <summary>The queries compared, and the instants and ranges they run at.</summary>
public static class DifferentialQueries
{
    /// <summary>Expressions valid as both instant and range queries.</summary>
    public static readonly string[] Expressions =
    [
        "dt_requests_total",
        "dt_temperature_celsius",
        "rate(dt_requests_total[5m])",
        "increase(dt_requests_total[10m])",
        "irate(dt_requests_total[2m])",
        "resets(dt_requests_total[30m])",
        "changes(dt_temperature_celsius[15m])",
        "delta(dt_temperature_celsius[10m])",
        "idelta(dt_temperature_celsius[5m])",
        "deriv(dt_temperature_celsius[10m])",
        "predict_linear(dt_temperature_celsius[15m], 600)",
        "avg_over_time(dt_temperature_celsius[10m])",
        "min_over_time(dt_temperature_celsius[10m])",
        "max_over_time(dt_temperature_celsius[10m])",
        "sum_over_time(dt_temperature_celsius[7m])",
        "count_over_time(dt_temperature_celsius[7m])",
        "stddev_over_time(dt_temperature_celsius[10m])",
        "quantile_over_time(0.9, dt_temperature_celsius[20m])",
        "last_over_time(dt_temperature_celsius[10m])",
        "absent_over_time(dt_temperature_celsius{instance=\"b:9100\"}[5m])",
        "sum by (job) (rate(dt_requests_total[5m]))",
        "sum without (instance, code) (rate(dt_requests_total[5m]))",
        "avg by (instance) (dt_temperature_celsius)",
        "count by (code) (dt_requests_total)",
        "max without (instance) (dt_temperature_celsius)",
        "stddev by (job) (dt_temperature_celsius)",
        "topk(2, rate(dt_requests_total[5m]))",
        "bottomk(2, dt_temperature_celsius)",
        "topk by (job) (1, dt_temperature_celsius)",
        "quantile by (job) (0.75, rate(dt_requests_total[5m]))",
        "count_values(\"code_count\", count by (code) (dt_requests_total))",
        "rate(dt_requests_total{code=\"500\"}[5m]) / ignoring(code) rate(dt_requests_total{code=\"200\"}[5m])",
        "sum by (job, instance) (rate(dt_requests_total[5m])) / on(job, instance) group_left dt_temperature_celsius",
        "dt_temperature_celsius * on(job, instance) group_right sum by (job, instance, code) (rate(dt_requests_total[5m]))",
        "dt_temperature_celsius > 22",
        "dt_temperature_celsius > bool 22",
        "dt_temperature_celsius > on(job, instance) group_left avg by (job) (dt_temperature_celsius)",
        "rate(dt_requests_total[5m]) and on(instance) dt_temperature_celsius > 23",
        "rate(dt_requests_total[5m]) unless on(job, instance) dt_temperature_celsius",
        "dt_temperature_celsius or on(job, instance) sum by (job, instance) (rate(dt_requests_total[5m]))",
        "-dt_temperature_celsius % 3 + 2 ^ 2",
        "histogram_quantile(0.9, rate(dt_latency_seconds_bucket[5m]))",
        "histogram_quantile(0.5, sum by (le, job) (rate(dt_latency_seconds_bucket[10m])))",
        "absent(dt_temperature_celsius{instance=\"b:9100\"})",
        "absent(dt_nonexistent{job=\"x\"})",
        "label_replace(dt_temperature_celsius, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
        "label_join(dt_temperature_celsius, \"id\", \"/\", \"job\", \"instance\")",
        "dt_temperature_celsius offset 10m",
        "rate(dt_requests_total[5m] offset 7m)",
        "dt_temperature_celsius @ 1700003000.5",
        "rate(dt_requests_total[5m] @ 1700004000.25)",
        "max_over_time(rate(dt_requests_total[5m])[20m:1m])",
        "avg_over_time(dt_temperature_celsius[30m:45s])",
        "min_over_time(sum by (job) (dt_temperature_celsius)[10m:])",
        "deriv(sum(dt_temperature_celsius)[15m:30s])",
        "round(dt_temperature_celsius, 0.5)",
        "clamp(dt_temperature_celsius, 21, 24)",
        "abs(delta(dt_temperature_celsius[5m]))",
        "ln(dt_temperature_celsius) * exp(dt_temperature_celsius / 10)",
        "sqrt(rate(dt_requests_total[5m]))",
        "timestamp(dt_temperature_celsius)",
        "scalar(sum(dt_temperature_celsius)) * 2",
        "vector(time())",
        "time() - timestamp(dt_temperature_celsius)",
        "sort_desc(sum by (instance) (rate(dt_requests_total[5m])))",
        "day_of_week(timestamp(dt_temperature_celsius))",
        "hour()",
    ];

    /// <summary>Instant query times (ms): between samples, inside the gauges' gap, just after the staleness marker.</summary>
    public static readonly long[] Instants =
    [
        DifferentialDataSet.Start + 600_000 + 7_321,
        DifferentialDataSet.Start + 2_700_000 + 3_003,
        DifferentialDataSet.Start + 3_000_000 + 11_111,
        DifferentialDataSet.Start + 5_420_000 + 1_234,
        DifferentialDataSet.Start + 7_100_000 + 999,
    ];

    /// <summary>Range queries (ms): odd starts and steps, one crossing the gap and the staleness marker.</summary>
    public static readonly (long Start, long End, long Step)[] Ranges =
    [
        (DifferentialDataSet.Start + 300_000 + 4_567, DifferentialDataSet.Start + 7_000_000, 37_000),
        (DifferentialDataSet.Start + 2_100_000 + 321, DifferentialDataSet.Start + 3_500_000, 73_000),
    ];
}
