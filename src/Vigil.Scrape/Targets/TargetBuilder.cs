using System.Globalization;
using System.Text;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;

namespace Vigil.Scrape.Targets;

/// <summary>The targets of one scrape config: those to scrape, and those relabelling dropped (kept for reporting).</summary>
public sealed record TargetSet(IReadOnlyList<ScrapeTarget> Active, IReadOnlyList<LabelSet> Dropped, IReadOnlyList<string> Errors);

/// <summary>
/// Turns discovered target groups into <see cref="ScrapeTarget"/>s as Prometheus does: defaults from the
/// scrape config as <c>__</c>-labels, <c>relabel_configs</c>, <c>instance</c> defaulting to the address,
/// internal labels removed, and the URL built from scheme, address, metrics path and <c>__param_*</c>.
/// </summary>
public sealed class TargetBuilder
{
    private const string AddressLabel = "__address__";
    private const string SchemeLabel = "__scheme__";
    private const string MetricsPathLabel = "__metrics_path__";
    private const string IntervalLabel = "__scrape_interval__";
    private const string TimeoutLabel = "__scrape_timeout__";
    private const string ParamPrefix = "__param_";

    private readonly ScrapeConfig _config;
    private readonly Relabeler _relabeler;

    /// <summary>Compiles the config's relabel rules once.</summary>
    public TargetBuilder(ScrapeConfig config)
    {
        _config = config;
        _relabeler = new Relabeler(config.RelabelConfigs);
    }

    /// <summary>Builds the targets of the config's <c>static_configs</c>.</summary>
    public TargetSet FromStaticConfigs() => Build(_config.Discovery.Static);

    /// <summary>Builds the targets of the given groups; a target with a bad label set is reported in <c>Errors</c>, not thrown.</summary>
    public TargetSet Build(IEnumerable<StaticTargetGroup> groups)
    {
        var active = new List<ScrapeTarget>();
        var dropped = new List<LabelSet>();
        var errors = new List<string>();
        var seen = new HashSet<ulong>();
        foreach (var group in groups)
        {
            foreach (var address in group.Targets)
            {
                var discovered = Discovered(group, address);
                var target = Populate(discovered, out var error);
                if (error is not null)
                {
                    errors.Add($"instance {Model.GoString.Quote(address)} in job {Model.GoString.Quote(_config.JobName)}: {error}");
                }
                else if (target is null)
                {
                    dropped.Add(discovered);
                }
                else if (seen.Add(target.Hash))
                {
                    active.Add(target);
                }
            }
        }
        return new TargetSet(active, dropped, errors);
    }

    private LabelSet Discovered(StaticTargetGroup group, string address)
    {
        var pairs = new Dictionary<string, string>(group.Labels, StringComparer.Ordinal) { [AddressLabel] = address };
        return LabelSet.From(pairs);
    }

    /// <summary>Returns the target, null when relabelling dropped it, or sets <paramref name="error"/>.</summary>
    internal ScrapeTarget? Populate(LabelSet discovered, out string? error)
    {
        error = null;
        var builder = discovered.ToDictionary();
        SetDefault(builder, "job", _config.JobName);
        SetDefault(builder, IntervalLabel, FormatDuration(_config.ScrapeInterval));
        SetDefault(builder, TimeoutLabel, FormatDuration(_config.ScrapeTimeout));
        SetDefault(builder, MetricsPathLabel, _config.MetricsPath);
        SetDefault(builder, SchemeLabel, _config.Scheme);
        foreach (var (name, values) in _config.Params)
        {
            if (values.Count > 0)
            {
                SetDefault(builder, ParamPrefix + name, values[0]);
            }
        }
        if (!_relabeler.Process(LabelSet.From(builder), out var relabelled))
        {
            return null;
        }
        var address = relabelled.Get(AddressLabel);
        if (address.Length == 0)
        {
            error = "no address";
            return null;
        }
        if (address.Contains('/', StringComparison.Ordinal))
        {
            error = $"{Model.GoString.Quote(address)} is not a valid hostname";
            return null;
        }
        var full = relabelled.Has("instance") ? relabelled : relabelled.With("instance", address);
        var url = BuildUrl(full, out error);
        if (url is null)
        {
            return null;
        }
        var visible = full.Without(full.Names.Where(n => n.StartsWith("__", StringComparison.Ordinal)).ToList());
        return new ScrapeTarget(_config.JobName, visible, full, discovered, url);
    }

    private Uri? BuildUrl(LabelSet full, out string? error)
    {
        error = null;
        var path = full.Get(MetricsPathLabel);
        var query = new StringBuilder();
        var names = new SortedSet<string>(_config.Params.Keys, StringComparer.Ordinal);
        foreach (var label in full)
        {
            if (label.Name.StartsWith(ParamPrefix, StringComparison.Ordinal))
            {
                names.Add(label.Name[ParamPrefix.Length..]);
            }
        }
        foreach (var name in names)
        {
            // A __param_ label replaces the first configured value and keeps the rest, as upstream does.
            var values = _config.Params.TryGetValue(name, out var configured) ? configured.ToList() : [];
            if (full.TryGet(ParamPrefix + name, out var fromLabel))
            {
                if (values.Count == 0)
                {
                    values.Add(fromLabel);
                }
                else
                {
                    values[0] = fromLabel;
                }
            }
            foreach (var value in values)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(QueryEscape(name)).Append('=').Append(QueryEscape(value));
            }
        }
        var text = $"{full.Get(SchemeLabel)}://{full.Get(AddressLabel)}{path}{query}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https"))
        {
            error = $"invalid scrape URL {Model.GoString.Quote(text)}";
            return null;
        }
        return url;
    }

    // Go's query encoding (what upstream's URL carries): unreserved characters kept, space as '+'.
    private static string QueryEscape(string s) => Uri.EscapeDataString(s).Replace("%20", "+", StringComparison.Ordinal);

    private static void SetDefault(Dictionary<string, string> labels, string name, string value)
    {
        // An empty value counts as absent, as everywhere in the label model.
        if ((!labels.TryGetValue(name, out var existing) || existing.Length == 0) && value.Length > 0)
        {
            labels[name] = value;
        }
    }

    /// <summary>Formats a duration as Prometheus prints it (<c>1m30s</c>, <c>15s</c>, <c>500ms</c>).</summary>
    internal static string FormatDuration(TimeSpan d)
    {
        if (d <= TimeSpan.Zero)
        {
            return "0s";
        }
        var sb = new StringBuilder();
        var ms = (long)d.TotalMilliseconds;
        Append(sb, ref ms, 7L * 24 * 3600 * 1000, "w");
        Append(sb, ref ms, 24L * 3600 * 1000, "d");
        Append(sb, ref ms, 3600L * 1000, "h");
        Append(sb, ref ms, 60L * 1000, "m");
        Append(sb, ref ms, 1000L, "s");
        Append(sb, ref ms, 1L, "ms");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ref long ms, long unit, string suffix)
    {
        if (ms >= unit)
        {
            sb.Append((ms / unit).ToString(CultureInfo.InvariantCulture)).Append(suffix);
            ms %= unit;
        }
    }
}
