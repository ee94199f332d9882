using Vigil.Config.Prometheus;
using Vigil.Model.Labels;

namespace Vigil.PrometheusHost;

/// <summary>
/// What <c>vigil prometheus</c> takes from <c>prometheus.yml</c> today: external labels, evaluation settings, <c>rule_files</c>, <c>scrape_configs</c> and <c>alerting</c>.
/// The file is loaded with the strict loader (unknown keys, wrong types and misplaced sections are
/// errors naming file, line, column and field), so a file that starts here also starts once scraping
/// and rules read the rest of it.
/// </summary>
public sealed record PrometheusConfigFile(LabelSet ExternalLabels)
{
    /// <summary>The config of a server started without a file.</summary>
    public static PrometheusConfigFile Empty { get; } = new(LabelSet.Empty) { MaskedYaml = EmptyYaml };

    /// <summary>What <c>/api/v1/status/config</c> shows for the empty config: upstream's global defaults.</summary>
    private const string EmptyYaml = "global:\n  scrape_interval: 1m\n  scrape_timeout: 10s\n  evaluation_interval: 1m\n";

    /// <summary>The file as loaded, with every secret replaced by <c>&lt;secret&gt;</c> (<c>/api/v1/status/config</c>).</summary>
    public string MaskedYaml { get; init; } = "";

    /// <summary>The <c>scrape_configs</c>, with global defaults already applied.</summary>
    public IReadOnlyList<ScrapeConfig> ScrapeConfigs { get; init; } = [];

    /// <summary>The <c>rule_files</c> patterns, made absolute against the config file's directory.</summary>
    public IReadOnlyList<string> RuleFilePatterns { get; init; } = [];

    /// <summary><c>global.evaluation_interval</c>: the interval of groups that set none.</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>global.rule_query_offset</c>: the offset of groups that set none.</summary>
    public TimeSpan RuleQueryOffset { get; init; }

    /// <summary>The <c>alerting</c> section: where alerts go and how they are relabelled.</summary>
    public AlertingConfig Alerting { get; init; } = new();

    /// <summary>The <c>remote_write</c> endpoints samples are copied to.</summary>
    public IReadOnlyList<RemoteWriteConfig> RemoteWrite { get; init; } = [];

    /// <summary>The <c>remote_read</c> endpoints queries also read.</summary>
    public IReadOnlyList<RemoteReadConfig> RemoteRead { get; init; } = [];

    /// <summary><c>storage.exemplars.max_exemplars</c> (used with <c>--enable-feature=exemplar-storage</c>).</summary>
    public long MaxExemplars { get; init; } = Vigil.Config.Prometheus.PrometheusConfig.DefaultMaxExemplars;

    /// <summary>Warnings of the last load (things that load but Vigil does not act on yet).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Loads <paramref name="path"/>; throws <see cref="FormatException"/> listing every finding as <c>file:line:col: field: message</c>.</summary>
    public static PrometheusConfigFile Load(string path)
    {
        var result = PrometheusConfigLoader.LoadFile(path);
        if (!result.Ok)
        {
            throw new FormatException(string.Join("; ", result.Errors.Select(e => e.ToString())));
        }
        var labels = LabelSet.From(result.Config!.Global.ExternalLabels.Where(l => l.Value.Length > 0));
        return new PrometheusConfigFile(labels)
        {
            Warnings = [.. result.Warnings.Select(w => w.ToString())],
            ScrapeConfigs = result.Config.ScrapeConfigs,
            RuleFilePatterns = [.. result.Config.RuleFiles.Select(f => Path.GetFullPath(f, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "."))],
            EvaluationInterval = result.Config.Global.EvaluationInterval,
            RuleQueryOffset = result.Config.Global.RuleQueryOffset,
            Alerting = result.Config.Alerting,
            RemoteWrite = result.Config.RemoteWrite,
            RemoteRead = result.Config.RemoteRead,
            MaxExemplars = result.Config.MaxExemplars,
            MaskedYaml = PrometheusConfigYaml.ToMaskedYaml(result.Config),
        };
    }
}
