using System.Text;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Templates;

/// <summary>
/// What a notification template is executed against, and what the webhook receiver posts
/// (Go's <c>template.Data</c>). Property names match Go's field names so that user templates
/// written for Alertmanager (<c>{{ .CommonLabels.alertname }}</c>, <c>{{ .Alerts.Firing }}</c>) work unchanged.
/// </summary>
public sealed class TemplateData
{
    /// <summary>The status of a firing alert or group.</summary>
    public const string StatusFiring = "firing";

    /// <summary>The status of a resolved alert or group.</summary>
    public const string StatusResolved = "resolved";

    /// <summary>The receiver name with regex metacharacters escaped, exactly as upstream exposes it.</summary>
    public required string Receiver { get; init; }

    /// <summary>"firing" when any alert fires, else "resolved".</summary>
    public required string Status { get; init; }

    /// <summary>The alerts of this notification.</summary>
    public required TemplateAlerts Alerts { get; init; }

    /// <summary>The labels the group is keyed by.</summary>
    public required KV GroupLabels { get; init; }

    /// <summary>Labels every alert has with the same value.</summary>
    public required KV CommonLabels { get; init; }

    /// <summary>Annotations every alert has with the same value.</summary>
    public required KV CommonAnnotations { get; init; }

    /// <summary>The Alertmanager's external URL (<c>--web.external-url</c>).</summary>
    public string ExternalURL { get; init; } = "";

    /// <summary>Assembles the data for one notification of a group.</summary>
    /// <param name="receiver">The receiver's name as configured.</param>
    /// <param name="groupLabels">The group's labels.</param>
    /// <param name="alerts">The alerts being notified, in order.</param>
    /// <param name="externalUrl">The external URL.</param>
    /// <param name="now">The time that decides firing versus resolved.</param>
    public static TemplateData Create(string receiver, LabelSet groupLabels, IReadOnlyList<Alert> alerts, string externalUrl, DateTimeOffset now)
    {
        var converted = alerts.Select(a => ToTemplateAlert(a, now)).ToList();
        return new TemplateData
        {
            Receiver = QuoteMeta(receiver),
            Status = converted.Any(a => a.Status == StatusFiring) ? StatusFiring : StatusResolved,
            Alerts = new TemplateAlerts(converted),
            GroupLabels = KV.From(groupLabels),
            CommonLabels = KV.From(Common(alerts.Select(a => a.Labels))),
            CommonAnnotations = KV.From(Common(alerts.Select(a => a.Annotations))),
            ExternalURL = externalUrl,
        };
    }

    /// <summary>
    /// Escapes regex metacharacters like Go's <c>regexp.QuoteMeta</c>. Upstream applies it to the
    /// receiver name, so <c>team.a</c> appears as <c>team\.a</c> in templates and webhook payloads;
    /// we keep that so links built from it behave the same.
    /// </summary>
    public static string QuoteMeta(string text)
    {
        const string special = "\\.+*?()|[]{}^$";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (special.Contains(c))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static TemplateAlert ToTemplateAlert(Alert alert, DateTimeOffset now) => new()
    {
        Status = alert.ResolvedAt(now) ? StatusResolved : StatusFiring,
        Labels = KV.From(alert.Labels),
        Annotations = KV.From(alert.Annotations),
        StartsAt = alert.StartsAt,
        EndsAt = alert.EndsAt,
        GeneratorURL = alert.GeneratorUrl,
        Fingerprint = alert.Fingerprint.ToString(),
    };

    private static LabelSet Common(IEnumerable<LabelSet> sets)
    {
        LabelSet? common = null;
        foreach (var set in sets)
        {
            common = common is null ? set : LabelSet.FromSorted(common.Where(l => set.Get(l.Name) == l.Value).ToArray());
            if (common.Count == 0)
            {
                break;
            }
        }
        return common ?? LabelSet.Empty;
    }
}
