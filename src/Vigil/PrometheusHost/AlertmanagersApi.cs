using Vigil.Api.Prometheus;

namespace Vigil.PrometheusHost;

/// <summary><c>/api/v1/alertmanagers</c> in upstream's JSON shape.</summary>
public static class AlertmanagersApi
{
    /// <summary>
    /// The Alertmanagers alerts go to now and those that <c>relabel_configs</c> dropped, each as its push URL
    /// (<c>{"url": "http://am:9093/api/v2/alerts"}</c>). Both lists are always present, empty when nothing is configured.
    /// </summary>
    public static ApiResult Alertmanagers(IReadOnlyList<Uri> active, IReadOnlyList<Uri> dropped) => new(w =>
    {
        w.WriteStartObject();
        WriteList(w, "activeAlertmanagers", active);
        WriteList(w, "droppedAlertmanagers", dropped);
        w.WriteEndObject();
    });

    private static void WriteList(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<Uri> urls)
    {
        w.WriteStartArray(name);
        foreach (var url in urls)
        {
            w.WriteStartObject();
            w.WriteString("url", url.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
