namespace Vigil.Config.Loading;

/// <summary>
/// The keys one kind of YAML mapping accepts, with how to name that place in a message
/// (<see cref="Where"/>, e.g. "route") and in a hint that moves a key there (<see cref="Under"/>, e.g. "under route:").
/// </summary>
public sealed class KeySection
{
    /// <summary>Creates a section accepting <paramref name="keys"/>.</summary>
    /// <param name="where">How a message names this place, e.g. "a scrape_configs entry".</param>
    /// <param name="under">How a hint moving a key here says it, e.g. "inside scrape_configs:".</param>
    /// <param name="keys">The keys allowed here.</param>
    public KeySection(string where, string under, params string[] keys)
    {
        Where = where;
        Under = under;
        Keys = new HashSet<string>(keys, StringComparer.Ordinal);
    }

    /// <summary>How a message names this place.</summary>
    public string Where { get; }

    /// <summary>How a hint that moves a key here says where.</summary>
    public string Under { get; }

    /// <summary>The keys allowed here.</summary>
    public IReadOnlySet<string> Keys { get; }

    /// <summary>When true, any key is accepted (free-form maps such as labels or webhook payloads).</summary>
    public bool Open { get; init; }

    /// <summary>Sections a key of this one is most likely to have been meant for, tried first by hints.</summary>
    public IReadOnlyList<KeySection> Children { get; set; } = [];

    /// <summary>A free-form mapping (labels, headers): any key is accepted.</summary>
    public static KeySection AnyKeys { get; } = new("a map", "in a map") { Open = true };

    /// <summary>Whether <paramref name="key"/> may be written here.</summary>
    public bool Allows(string key) => Open || Keys.Contains(key);
}
