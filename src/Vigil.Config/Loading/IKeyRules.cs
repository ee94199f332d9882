namespace Vigil.Config.Loading;

/// <summary>
/// What one kind of config file knows about its keys beyond "allowed or not": how to explain a key
/// written in the wrong place (often one that belongs in another file) and which values are secret.
/// Each loader (alertmanager.yml, prometheus.yml, rule files) supplies its own.
/// </summary>
public interface IKeyRules
{
    /// <summary>The message and hint for <paramref name="key"/>, which <paramref name="section"/> does not allow.</summary>
    /// <param name="section">Where the key was written.</param>
    /// <param name="key">The key.</param>
    /// <param name="emptyKeyLine">The line of a sibling key written with an empty value, if any (the key was
    /// probably meant to be indented below it).</param>
    (string Message, string? Hint) ExplainUnknownKey(KeySection section, string key, Func<string, int?> emptyKeyLine);

    /// <summary>Whether the value of <paramref name="key"/> in <paramref name="section"/> is a secret that must never be echoed.</summary>
    bool IsSecret(KeySection section, string key);
}
