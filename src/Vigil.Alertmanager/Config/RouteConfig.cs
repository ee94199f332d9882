using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Config;

/// <summary>
/// One node of the routing tree as written, with inheritance from the parent already applied
/// (receiver, group_by and timers are filled in from the parent when not set). Time interval lists
/// are not inherited: as in Alertmanager's dispatcher, each node uses the lists written on it.
/// </summary>
public sealed record RouteConfig
{
    /// <summary>The receiver notifications of this route go to.</summary>
    public string Receiver { get; init; } = "";

    /// <summary>Labels to group by; empty with <see cref="GroupByAll"/> false means one group for all.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>True for <c>group_by: ['...']</c>: group by every label.</summary>
    public bool GroupByAll { get; init; }

    /// <summary>All matchers of this node (from <c>matchers</c>, <c>match</c> and <c>match_re</c>), sorted as Alertmanager sorts them.</summary>
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];

    /// <summary>Whether matching continues with the next sibling after this route matched.</summary>
    public bool Continue { get; init; }

    /// <summary>Wait before the first notification of a new group (default 30s).</summary>
    public TimeSpan GroupWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before notifying about changes to a group (default 5m).</summary>
    public TimeSpan GroupInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait before re-sending an unchanged notification (default 4h).</summary>
    public TimeSpan RepeatInterval { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Names of time intervals during which this route is muted.</summary>
    public IReadOnlyList<string> MuteTimeIntervals { get; init; } = [];

    /// <summary>Names of time intervals outside which this route is muted.</summary>
    public IReadOnlyList<string> ActiveTimeIntervals { get; init; } = [];

    /// <summary>Labels attached to alerts routed here (values may be templates); merged with the parent's.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Child routes in order.</summary>
    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];

    /// <summary>Where this route was written, for messages.</summary>
    public SourcePosition Position { get; init; }
}
