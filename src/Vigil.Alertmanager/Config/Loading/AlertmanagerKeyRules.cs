
namespace Vigil.Alertmanager.Config.Loading;

/// <summary>alertmanager.yml's knowledge of misplaced keys (<see cref="KeyHints"/>) and secret values (<see cref="SecretKeys"/>).</summary>
internal sealed class AlertmanagerKeyRules : IKeyRules
{
    public static readonly AlertmanagerKeyRules Instance = new();

    public (string Message, string? Hint) ExplainUnknownKey(KeySection section, string key, Func<string, int?> emptyKeyLine) =>
        KeyHints.Explain(section, key, emptyKeyLine);

    public bool IsSecret(KeySection section, string key) => SecretKeys.IsSecret(section.Where, key);
}
