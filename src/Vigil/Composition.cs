using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Templates;
using Vigil.AlertmanagerHost;
using Vigil.PrometheusHost;
using Vigil.Storage;
using Vigil.Tsdb;

namespace Vigil;

/// <summary>
/// Which implementation backs each seam of the running binary: one place to swap a stand-in for
/// the real component when it lands.
/// </summary>
public static class Composition
{
    /// <summary>Loads <c>alertmanager.yml</c> with the strict loader; findings print as <c>file:line:col: field: message</c>.</summary>
    public static ConfigLoadOutcome LoadConfig(string path)
    {
        var result = ConfigLoader.LoadFile(path).WithTemplateErrors(TimeProvider.System);
        return new ConfigLoadOutcome(
            result.Ok ? result.Config : null,
            [.. result.Errors.Select(e => e.ToString())],
            [.. result.Warnings.Select(w => w.ToString())]);
    }

    /// <summary>
    /// Receivers' integrations from the config: the config's templates (plus the defaults) and the
    /// receiver factory. Throws when a template file does not load; the reload is then refused.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Integration>> Integrations(AlertmanagerConfig config, string externalUrl, IHttpClientProvider clients)
    {
        var templates = NotificationTemplates.Load(config.Templates, externalUrl, TimeProvider.System);
        var factory = new ReceiverFactory(config.Global, templates, clients, TimeProvider.System);
        return config.Receivers.ToDictionary(r => r.Name, factory.BuildIntegrations, StringComparer.Ordinal);
    }

    /// <summary>
    /// The production parts of the Alertmanager service; with <paramref name="embeddedDefaultWhenMissing"/>
    /// (no <c>--config.file</c> given) a missing file means the embedded default config, not a failure.
    /// </summary>
    public static ServiceParts AlertmanagerParts(string externalUrl, bool embeddedDefaultWhenMissing = false) =>
        new(embeddedDefaultWhenMissing ? EmbeddedDefault.WhenMissing(LoadConfig) : LoadConfig, (config, clients) => Integrations(config, externalUrl, clients), externalUrl);

    /// <summary>
    /// The storage of <c>vigil prometheus</c>: the TSDB (head + write-ahead log + persisted blocks) in
    /// <c>--storage.tsdb.path</c>. A commit returns once its samples are on disk, so an acknowledged
    /// remote write survives a crash; opening replays the log; compaction and retention run every minute.
    /// </summary>
    /// <remarks>With <c>exemplar-storage</c> the head keeps <paramref name="maxExemplars"/> exemplars; without it, none.</remarks>
    public static IStorage PrometheusStorage(PrometheusSettings settings, ILoggerFactory loggers, long maxExemplars) =>
        PrometheusHost.PrometheusStorage.Open(
            new TsdbOptions
            {
                Path = settings.StoragePath,
                RetentionTime = settings.RetentionTime,
                RetentionSize = settings.RetentionSizeBytes,
                MaxExemplars = settings.Features.ExemplarStorage ? maxExemplars : 0,
            },
            TimeProvider.System,
            loggers);
}
