using System.Security.Cryptography;
using System.Text;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.PrometheusHost;

/// <summary>
/// The filters of <c>/api/v1/rules</c>: <c>type</c>, <c>rule_name[]</c>, <c>rule_group[]</c>, <c>file[]</c>,
/// <c>match[]</c> (selectors over a rule's own labels), <c>exclude_alerts</c>, and the
/// <c>group_limit</c>/<c>group_next_token</c> pagination of today's upstream.
/// </summary>
public sealed record RulesFilter
{
    /// <summary>No filtering: every rule of every group.</summary>
    public static RulesFilter None { get; } = new();

    /// <summary>Whether alerting rules are listed (<c>type</c> empty or <c>alert</c>).</summary>
    public bool Alerting { get; init; } = true;

    /// <summary>Whether recording rules are listed (<c>type</c> empty or <c>record</c>).</summary>
    public bool Recording { get; init; } = true;

    /// <summary>Rule names to keep; empty keeps all.</summary>
    public IReadOnlySet<string> RuleNames { get; init; } = new HashSet<string>();

    /// <summary>Group names to keep; empty keeps all.</summary>
    public IReadOnlySet<string> Groups { get; init; } = new HashSet<string>();

    /// <summary>Rule files to keep; empty keeps all.</summary>
    public IReadOnlySet<string> Files { get; init; } = new HashSet<string>();

    /// <summary>Selector sets over rule labels: a rule is kept when any set matches it entirely.</summary>
    public IReadOnlyList<IReadOnlyList<Matcher>> MatcherSets { get; init; } = [];

    /// <summary>Leave out the <c>alerts</c> of alerting rules (<c>exclude_alerts=true</c>).</summary>
    public bool ExcludeAlerts { get; init; }

    /// <summary>At most this many groups per page (<c>group_limit</c>); 0 means no paging.</summary>
    public int GroupLimit { get; init; }

    /// <summary>The page to start at (<c>group_next_token</c>), empty for the first.</summary>
    public string NextToken { get; init; } = "";

    /// <summary>Reads the filters from <paramref name="request"/>, with upstream's checks and messages (bad_data).</summary>
    public static RulesFilter From(ApiRequest request)
    {
        // Upstream checks the selectors first, then type, exclude_alerts and paging; the first error wins.
        var matcherSets = ApiParams.MatcherSets(request.Values("match[]"));
        var type = request.Value("type").ToLowerInvariant();
        if (type is not ("" or "alert" or "record"))
        {
            throw ApiError.InvalidParam("type", $"not supported value {Vigil.Model.GoString.Quote(type)}");
        }
        var (limit, token) = Paging(request);
        return new RulesFilter
        {
            Alerting = type is "" or "alert",
            Recording = type is "" or "record",
            RuleNames = request.Values("rule_name[]").ToHashSet(StringComparer.Ordinal),
            Groups = request.Values("rule_group[]").ToHashSet(StringComparer.Ordinal),
            Files = request.Values("file[]").ToHashSet(StringComparer.Ordinal),
            MatcherSets = matcherSets,
            ExcludeAlerts = ExcludeAlertsParam(request.Value("exclude_alerts")),
            GroupLimit = limit,
            NextToken = token,
        };
    }

    /// <summary>Whether the group itself passes the group-name and file filters.</summary>
    public bool Keeps(RuleGroup group) =>
        (Groups.Count == 0 || Groups.Contains(group.Options.Name)) && (Files.Count == 0 || Files.Contains(group.Options.File));

    /// <summary>Whether <paramref name="rule"/> passes the type, name and label filters.</summary>
    public bool Keeps(IRule rule) => rule switch
    {
        AlertingRule a => Alerting && KeepsNamed(a.Name, a.Labels),
        RecordingRule r => Recording && KeepsNamed(r.Name, r.Labels),
        _ => false,
    };

    /// <summary>The paging token of a group: a hash of its file and name, as upstream computes it.</summary>
    public static string TokenOf(RuleGroup group) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(group.Options.File + ";" + group.Options.Name)));

    private bool KeepsNamed(string name, IReadOnlyDictionary<string, string> labels) =>
        (RuleNames.Count == 0 || RuleNames.Contains(name)) && MatchesAnySet(labels);

    private bool MatchesAnySet(IReadOnlyDictionary<string, string> labels) =>
        MatcherSets.Count == 0 || MatcherSets.Any(set => set.All(m => m.Matches(labels.TryGetValue(m.Name, out var v) ? v : "")));

    private static bool ExcludeAlertsParam(string text) => text.ToLowerInvariant() switch
    {
        "" or "0" or "f" or "false" => false,
        "1" or "t" or "true" => true,
        _ => throw ApiError.InvalidParam("exclude_alerts", $"error converting exclude_alerts: strconv.ParseBool: parsing {Vigil.Model.GoString.Quote(text.ToLowerInvariant())}: invalid syntax"),
    };

    private static (int Limit, string Token) Paging(ApiRequest request)
    {
        var (limitText, token) = (request.Value("group_limit"), request.Value("group_next_token"));
        if (token.Length > 0 && limitText.Length == 0)
        {
            throw ApiError.InvalidParam("group_next_token", "group_limit needs to be present in order to paginate over the groups");
        }
        if (limitText.Length == 0)
        {
            return (0, "");
        }
        if (!int.TryParse(limitText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var limit))
        {
            throw ApiError.InvalidParam("group_limit", $"group_limit needs to be a valid number: strconv.ParseInt: parsing {Vigil.Model.GoString.Quote(limitText)}: invalid syntax");
        }
        return limit > 0 ? (limit, token) : throw ApiError.InvalidParam("group_limit", "group_limit needs to be greater than 0");
    }
}
