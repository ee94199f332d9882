using System.Diagnostics.Metrics;

namespace Vigil.Tsdb.Exemplars;

/// <summary>Upstream's <c>prometheus_tsdb_exemplar_*</c> metrics, read from a store whenever they are collected.</summary>
internal static class ExemplarMetrics
{
    /// <summary>Publishes <paramref name="store"/>'s metrics on <paramref name="meter"/>.</summary>
    public static void Register(Meter meter, CircularExemplarStore store)
    {
        meter.CreateObservableCounter("prometheus_tsdb_exemplar_exemplars_appended_total", () => store.AppendedTotal, description: "Total number of appended exemplars.");
        meter.CreateObservableGauge("prometheus_tsdb_exemplar_exemplars_in_storage", () => store.Count, description: "Number of exemplars currently in circular storage.");
        meter.CreateObservableGauge("prometheus_tsdb_exemplar_series_with_exemplars_in_storage", () => (long)store.SeriesCount, description: "Number of series with exemplars currently in circular storage.");
        meter.CreateObservableGauge("prometheus_tsdb_exemplar_last_exemplars_timestamp_seconds", () => store.OldestTimestampSeconds,
            description: "The timestamp of the oldest exemplar stored in circular storage: the time range the exemplar capacity currently covers.");
        meter.CreateObservableGauge("prometheus_tsdb_exemplar_max_exemplars", () => store.Capacity, description: "Total number of exemplars the exemplar storage can store, resizeable.");
        meter.CreateObservableCounter("prometheus_tsdb_exemplar_out_of_order_exemplars_total", () => store.OutOfOrderTotal, description: "Total number of out of order exemplar ingestion failed attempts.");
    }
}
