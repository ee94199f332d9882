using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Harness;

/// <summary>Builds API v2 alert bodies (<c>postableAlerts</c>).</summary>
public static class AlertJson
{
    /// <summary>One alert; labels as <c>name=value</c> strings, annotations likewise.</summary>
    public static JsonObject Alert(
        IEnumerable<string> labels,
        IEnumerable<string>? annotations = null,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null,
        string generatorUrl = "http://prometheus.test/graph")
    {
        var alert = new JsonObject
        {
            ["labels"] = Pairs(labels),
            ["annotations"] = Pairs(annotations ?? []),
            ["generatorURL"] = generatorUrl,
        };
        if (startsAt is { } s)
        {
            alert["startsAt"] = Format(s);
        }

        if (endsAt is { } e)
        {
            alert["endsAt"] = Format(e);
        }

        return alert;
    }

    /// <summary>An array of alerts.</summary>
    public static JsonArray Array(params JsonObject[] alerts) => [.. alerts];

    /// <summary>RFC 3339 with milliseconds in UTC, as Prometheus sends.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    private static JsonObject Pairs(IEnumerable<string> pairs)
    {
        var obj = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            obj[pair[..eq]] = pair[(eq + 1)..];
        }

        return obj;
    }
}
