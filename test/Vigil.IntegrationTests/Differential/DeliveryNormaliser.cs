using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Turns recorded requests into <see cref="Delivery"/> values that two implementations can agree on.
/// What is normalised, and why:
/// <list type="bullet">
/// <item>Request time becomes seconds since the scenario start: the two servers run side by side, so
/// agreeing means the same offset (within the comparer's tolerance).</item>
/// <item>RFC 3339 timestamps inside payloads (<c>startsAt</c>, <c>endsAt</c>) become offsets the same way,
/// written <c>@+1.234</c>; <c>endsAt</c> of a firing alert is computed from arrival time plus
/// <c>resolve_timeout</c>, so it differs by the milliseconds between the two arrivals. Go's zero time
/// (<c>0001-01-01T00:00:00Z</c>) is kept as it is.</item>
/// <item>Headers are dropped except the media type: <c>User-Agent</c> names the product and version
/// (<c>Alertmanager/0.25.0</c>), which legitimately differs.</item>
/// <item><c>externalURL</c> needs no normalising: both sides get the same <c>--web.external-url</c>.</item>
/// <item>No payload field is dropped: the Slack and webhook payloads of Alertmanager 0.25 and of today's
/// upstream are field-for-field the same for the options the scenarios use (upstream's additions,
/// <c>text</c> from <c>message_text</c> and <c>ts</c> for <c>update_message</c>, are omitted when unset).</item>
/// </list></summary>
public static class DeliveryNormaliser
{
    /// <summary>The prefix of a normalised timestamp.</summary>
    public const string TimePrefix = "@+";

    public static IReadOnlyList<Delivery> Normalise(IEnumerable<RecordedRequest> requests, DateTimeOffset start) =>
        [.. requests.OrderBy(r => r.ReceivedAt).Select(r => Normalise(r, start))];

    private static Delivery Normalise(RecordedRequest request, DateTimeOffset start)
    {
        var contentType = request.Headers.TryGetValue("Content-Type", out var ct) ? ct.Split(';')[0].Trim() : "";
        var body = ParseOrText(request.Body);
        return new Delivery(request.Path, Seconds(request.ReceivedAt, start), contentType, request.AnsweredStatus, Rewrite(body, start));
    }

    private static JsonNode ParseOrText(string body)
    {
        try
        {
            return JsonNode.Parse(body) ?? JsonValue.Create("");
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(body);
        }
    }

    private static JsonNode Rewrite(JsonNode node, DateTimeOffset start)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    obj[key] = obj[key] is { } child ? Rewrite(child.DeepClone(), start) : null;
                }

                return obj;
            case JsonArray array:
                return new JsonArray([.. array.Select(child => child is null ? null : Rewrite(child.DeepClone(), start))]);
            case JsonValue value when value.TryGetValue<string>(out var text) && IsTimestamp(text, out var time) && time.Year > 1:
                return JsonValue.Create(TimePrefix + Math.Round(Seconds(time, start), 3).ToString("0.000;-0.000;0.000", CultureInfo.InvariantCulture));
            default:
                return node;
        }
    }

    private static bool IsTimestamp(string text, out DateTimeOffset time)
    {
        time = default;
        return text.Length >= 20 && text[4] == '-' && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static double Seconds(DateTimeOffset time, DateTimeOffset start) => (time - start).TotalSeconds;
}
