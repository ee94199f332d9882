using System.Collections;

namespace Vigil.Alertmanager.Templates;

/// <summary>One name/value pair of a <see cref="KV"/> (Go's <c>template.Pair</c>).</summary>
/// <param name="Name">The label or annotation name.</param>
/// <param name="Value">Its value.</param>
public sealed record Pair(string Name, string Value);

/// <summary>An ordered list of pairs (Go's <c>template.Pairs</c>).</summary>
public sealed class Pairs : IReadOnlyList<Pair>
{
    private readonly List<Pair> _pairs;

    /// <summary>Wraps pairs in the given order.</summary>
    public Pairs(IEnumerable<Pair> pairs) => _pairs = [.. pairs];

    /// <inheritdoc />
    public int Count => _pairs.Count;

    /// <inheritdoc />
    public Pair this[int index] => _pairs[index];

    /// <summary>The names, in order.</summary>
    public Strings Names() => new(_pairs.Select(p => p.Name));

    /// <summary>The values, in order.</summary>
    public Strings Values() => new(_pairs.Select(p => p.Value));

    /// <summary>Renders as <c>name=value, name=value</c>.</summary>
    public override string ToString() => string.Join(", ", _pairs.Select(p => p.Name + "=" + p.Value));

    /// <inheritdoc />
    public IEnumerator<Pair> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list of strings with a <see cref="Join"/> method, so <c>{{ .GroupLabels.Values.Join ":" }}</c> works (Go's <c>template.Strings</c>).</summary>
public sealed class Strings : IReadOnlyList<string>
{
    private readonly List<string> _items;

    /// <summary>Wraps strings in the given order.</summary>
    public Strings(IEnumerable<string> items) => _items = [.. items];

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public string this[int index] => _items[index];

    /// <summary>Joins the strings with <paramref name="separator"/>.</summary>
    public string Join(string separator) => string.Join(separator, _items);

    /// <summary>Renders as Go prints a string slice: <c>[a b c]</c>.</summary>
    public override string ToString() => "[" + string.Join(' ', _items) + "]";

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
