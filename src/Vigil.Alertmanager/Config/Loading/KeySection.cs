namespace Vigil.Alertmanager.Config.Loading;

/// <summary>
/// The keys one kind of YAML mapping accepts, with how to name that place in a message
/// (<see cref="Where"/>, e.g. "route") and in a hint that moves a key there (<see cref="Under"/>, e.g. "under route:").
/// </summary>
internal sealed class KeySection
{
    public KeySection(string where, string under, params string[] keys)
    {
        Where = where;
        Under = under;
        Keys = new HashSet<string>(keys, StringComparer.Ordinal);
    }

    public string Where { get; }

    public string Under { get; }

    public IReadOnlySet<string> Keys { get; }

    /// <summary>When true, any key is accepted (free-form maps such as labels or webhook payloads).</summary>
    public bool Open { get; init; }

    /// <summary>Sections a key of this one is most likely to have been meant for, tried first by hints.</summary>
    public IReadOnlyList<KeySection> Children { get; set; } = [];

    /// <summary>A receiver integration list entry: every kind accepts send_resolved and http_config.</summary>
    public static KeySection Integration(string listKey, params string[] keys) =>
        new($"a {listKey} entry", $"inside {listKey}:", ["send_resolved", "http_config", .. keys]);

    public bool Allows(string key) => Open || Keys.Contains(key);
}
