using Vigil.Alertmanager.Config.Loading;

namespace Vigil.Alertmanager.Config;

/// <summary>
/// The config as YAML for <c>/api/v2/status</c> and <c>amtool config show</c>: every secret value
/// (passwords, tokens, Slack and webhook URLs) replaced by <c>&lt;secret&gt;</c>, as Alertmanager shows it.
/// Comments are dropped, since a commented-out old webhook URL is a secret too.
/// </summary>
public static class ConfigYaml
{
    /// <summary>Free-form maps whose keys are label or field names, not config keys, so a label called "token" is not masked.</summary>
    private static readonly HashSet<string> FreeForm = new(StringComparer.Ordinal)
    {
        "match", "match_re", "source_match", "source_match_re", "target_match", "target_match_re", "labels",
        "details", "custom_fields", "attributes", "fields", "payload",
    };

    /// <summary>The loaded config's YAML with secrets masked.</summary>
    public static string ToMaskedYaml(AlertmanagerConfig config) => Mask(config.Original);

    /// <summary>
    /// Masks the secrets of an alertmanager.yml text; text that does not parse yields an empty string. The walk is
    /// the Prometheus config's (one masker), so passwords inside other URLs (proxy_url, ...) are redacted here too.
    /// </summary>
    public static string Mask(string yaml) => SecretMasker.Mask(yaml, IsSecret, FreeForm);

    private static bool IsSecret(string key, string? listKey) =>
        SecretKeys.IsSecretName(key)
        || (listKey == "slack_configs" && key == "api_url")
        || (listKey is "webhook_configs" or "incidentio_configs" && key == "url");
}
