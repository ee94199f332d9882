using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Vigil.Alertmanager.Alerts;
using Vigil.Model.Labels;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// The query parameters of <c>GET /api/v2/alerts</c> and <c>/alerts/groups</c>: label matchers
/// (<c>filter</c>, repeatable), a receiver regex, and which states to include.
/// </summary>
public sealed record AlertQuery(
    IReadOnlyList<Matcher> Filter,
    Regex? Receiver,
    bool Active,
    bool Silenced,
    bool Inhibited,
    bool Unprocessed,
    bool Muted)
{
    /// <summary>Reads the query; on a malformed parameter returns null and a message naming it.</summary>
    public static AlertQuery? Parse(IQueryCollection query, out string error)
    {
        error = "";
        var matchers = new List<Matcher>();
        foreach (var f in query["filter"])
        {
            try
            {
                matchers.AddRange(MatcherParser.ParseList(f ?? ""));
            }
            catch (FormatException e)
            {
                error = $"bad matcher format: {f}: {e.Message}";
                return null;
            }
        }
        Regex? receiver = null;
        if (query.TryGetValue("receiver", out var r) && r.Count > 0)
        {
            try
            {
                receiver = GoRegex.CompileAnchored(r[^1] ?? "");
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                error = $"failed to parse receiver param: {e.Message}";
                return null;
            }
        }
        var flags = new bool[5];
        string[] names = ["active", "silenced", "inhibited", "unprocessed", "muted"];
        for (var i = 0; i < names.Length; i++)
        {
            if (!TryFlag(query, names[i], out flags[i], out error))
            {
                return null;
            }
        }
        return new AlertQuery(matchers, receiver, flags[0], flags[1], flags[2], flags[3], flags[4]);
    }

    /// <summary>Whether an alert's labels pass the filter (upstream semantics for empty values).</summary>
    public bool MatchesLabels(LabelSet labels)
    {
        foreach (var m in Filter)
        {
            var present = labels.TryGet(m.Name, out var value);
            // `a=""` matches an absent label and `a!=""` a present one, whatever the value.
            if (m.Value.Length == 0 && (m.Type.IsNegative() ? present : !present))
            {
                continue;
            }
            if (!m.Matches(value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether any of the receivers matches the receiver regex (or there is none).</summary>
    public bool MatchesReceivers(IReadOnlyList<string> receivers) =>
        Receiver is null || receivers.Any(Receiver.IsMatch);

    /// <summary>Whether an alert in this status passes the state flags.</summary>
    public bool MatchesStatus(AlertStatus status) =>
        (Active || status.State != AlertState.Active)
        && (Unprocessed || status.State != AlertState.Unprocessed)
        && (Silenced || status.SilencedBy.Count == 0)
        && (Inhibited || status.InhibitedBy.Count == 0);

    private static bool TryFlag(IQueryCollection query, string name, out bool value, out string error)
    {
        value = true;
        error = "";
        if (!query.TryGetValue(name, out var raw) || raw.Count == 0)
        {
            return true;
        }
        if (bool.TryParse(raw[^1], out value))
        {
            return true;
        }
        error = $"{name} in query must be of type boolean: {Vigil.Model.GoString.Quote(raw[^1] ?? "")}";
        return false;
    }
}
