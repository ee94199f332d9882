using Vigil.Config.Loading;

namespace Vigil.Config.Prometheus;

/// <summary>prometheus.yml as shown by <c>/api/v1/status/config</c>: secrets replaced by <c>&lt;secret&gt;</c>.</summary>
public static class PrometheusConfigYaml
{
    private static readonly HashSet<string> FreeForm = new(StringComparer.Ordinal)
    {
        "labels", "external_labels", "params", "headers", "endpoint_params", "claims", "required_matchers", "proxy_connect_header",
    };

    /// <summary>The loaded config's YAML with secrets masked.</summary>
    public static string ToMaskedYaml(PrometheusConfig config) => Mask(config.Original);

    /// <summary>Masks the secrets of a prometheus.yml text; text that does not parse yields "".</summary>
    public static string Mask(string yaml) =>
        SecretMasker.Mask(yaml, (key, parent) => PrometheusKeyRules.IsSecretKey(key, parent), FreeForm);
}
