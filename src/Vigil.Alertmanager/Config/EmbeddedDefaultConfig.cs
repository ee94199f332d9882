namespace Vigil.Alertmanager.Config;

/// <summary>
/// The config <c>vigil alertmanager</c> runs on when no config file was named and the default
/// <c>alertmanager.yml</c> does not exist: everything routes to one receiver <c>default</c> without
/// integrations, so alerts can be posted, grouped and inspected over the API before any receiver is set up.
/// </summary>
public static class EmbeddedDefaultConfig
{
    /// <summary>The name findings and the status API use for the embedded config.</summary>
    public const string Name = "<embedded default>";

    /// <summary>The YAML text, as <c>/api/v2/status</c> shows it.</summary>
    public const string Yaml = """
        route:
          receiver: default
          group_by: [alertname]
        receivers:
          - name: default
        """;

    /// <summary>Loads <see cref="Yaml"/> with the ordinary loader, so it is held to the same rules as a user's file.</summary>
    public static ConfigLoadResult Load() => ConfigLoader.Parse(Yaml, Name);
}
