using System.Buffers;
using System.Text.Json;
using Vigil.Alertmanager.Alerts;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Turns a <c>POST /api/v2/alerts</c> body into validated, defaulted alerts, all or nothing:
/// one bad alert rejects the batch with a message naming its index and field, so a sender never
/// has to guess which part of a batch was stored.
/// </summary>
public static class AlertDecoder
{
    /// <summary>The outcome: alerts to store, or the problems (and how many alerts were invalid).</summary>
    public sealed record Result(IReadOnlyList<Alert> Alerts, IReadOnlyList<string> Errors, int InvalidCount)
    {
        /// <summary>Whether the whole batch is valid.</summary>
        public bool Ok => Errors.Count == 0;

        /// <summary>
        /// Every alert that decoded, valid or not, with defaults applied: upstream counts all of them in
        /// <c>alertmanager_alerts_received_total</c> before validating. Empty when the body did not parse.
        /// </summary>
        public IReadOnlyList<Alert> Received { get; init; } = [];
    }

    /// <summary>Parses, defaults (as upstream: updatedAt, startsAt, endsAt from resolve_timeout) and validates.</summary>
    public static Result Decode(ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan resolveTimeout) =>
        Decode(new ReadOnlySequence<byte>(body.ToArray()), now, resolveTimeout);

    /// <summary>Parses, defaults and validates a body that arrived in segments.</summary>
    public static Result Decode(ReadOnlySequence<byte> body, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        PostableAlert[]? posted;
        try
        {
            var reader = new Utf8JsonReader(body);
            posted = JsonSerializer.Deserialize(ref reader, ApiJsonContext.Default.PostableAlertArray);
        }
        catch (JsonException e)
        {
            return new Result([], [DescribeJsonError(e)], 0);
        }
        if (posted is null)
        {
            return new Result([], ["body must be a JSON array of alerts, got null"], 0);
        }
        return Convert(posted, now, resolveTimeout);
    }

    private static Result Convert(PostableAlert[] posted, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        var alerts = new Alert[posted.Length];
        List<string>? errors = null;
        for (var i = 0; i < posted.Length; i++)
        {
            if (posted[i] is null)
            {
                (errors ??= []).Add($"alerts[{i}]: alert is null");
                continue;
            }
            // Defaulting and validation are Alertmanager's rules, shared with every other ingest path.
            alerts[i] = AlertIngest.WithDefaults(ToAlert(posted[i]), now, resolveTimeout);
            if (AlertIngest.Validate(alerts[i], i) is { } error)
            {
                (errors ??= []).Add(error.ToString());
            }
        }
        return errors is null
            ? new Result(alerts, [], 0) { Received = alerts }
            : new Result([], errors, errors.Count) { Received = [.. alerts.Where(a => a is not null)] };
    }

    private static Alert ToAlert(PostableAlert p) => new()
    {
        Labels = ToLabels(p.Labels),
        Annotations = ToLabels(p.Annotations),
        // Go's zero time and an absent field both mean "not set".
        StartsAt = GoTime.IsZero(p.StartsAt) ? DateTimeOffset.MinValue : p.StartsAt!.Value,
        EndsAt = GoTime.IsZero(p.EndsAt) ? DateTimeOffset.MinValue : p.EndsAt!.Value,
        GeneratorUrl = p.GeneratorUrl is null ? "" : LabelStringCache.Share(p.GeneratorUrl),
    };

    private static LabelSet ToLabels(Dictionary<string, string?>? map)
    {
        if (map is null || map.Count == 0)
        {
            return LabelSet.Empty;
        }
        var labels = new List<Label>(map.Count);
        foreach (var (name, value) in map)
        {
            // Empty values mean "no label", as in Prometheus; upstream drops them before validating.
            if (!string.IsNullOrEmpty(value))
            {
                labels.Add(new Label(LabelStringCache.Share(name), LabelStringCache.Share(value)));
            }
        }
        labels.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return LabelSet.FromSorted([.. labels]);
    }

    /// <summary>Rewrites System.Text.Json's error into "alerts[N].field: problem" where the path allows.</summary>
    internal static string DescribeJsonError(JsonException e)
    {
        var path = e.Path ?? "$";
        var what = e.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? ExpectedFor(path)
            : "invalid JSON: " + FirstSentence(e.Message);
        if (path == "$")
        {
            return $"body must be a JSON array of alerts: {what}";
        }
        if (path.StartsWith("$[", StringComparison.Ordinal))
        {
            var close = path.IndexOf(']', StringComparison.Ordinal);
            var field = path[(close + 1)..].TrimStart('.');
            var prefix = $"alerts[{path[2..close]}]";
            return field.Length > 0 ? $"{prefix}.{field}: {what}" : $"{prefix}: {what}";
        }
        return $"{path}: {what}";
    }

    private static string ExpectedFor(string path) => path switch
    {
        "$" => "expected an array",
        _ when path.EndsWith("startsAt", StringComparison.OrdinalIgnoreCase) || path.EndsWith("endsAt", StringComparison.OrdinalIgnoreCase)
            => "expected an RFC 3339 time such as \"2026-01-02T15:04:05Z\"",
        _ when path.Contains(".labels", StringComparison.OrdinalIgnoreCase) || path.Contains(".annotations", StringComparison.OrdinalIgnoreCase)
            => path.Count(c => c == '.') >= 2 ? "expected a string value" : "expected an object of string values",
        _ when path.EndsWith(']') => "expected an alert object",
        _ => "unexpected type",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
