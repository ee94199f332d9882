using System.Collections;

namespace Vigil.Api.Logging;

/// <summary>
/// A log message plus ordered key/value fields, as Prometheus components log: a short constant
/// <c>msg</c> and the variable parts as separate keys (<c>msg="Listening on" address=...</c>).
/// It is also a structured state for any other <see cref="Microsoft.Extensions.Logging.ILogger"/>.
/// </summary>
public sealed class LogFields(string message, IReadOnlyList<KeyValuePair<string, object?>> fields)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The constant message.</summary>
    public string Message { get; } = message;

    /// <summary>The fields, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; } = fields;

    /// <inheritdoc />
    public int Count => Fields.Count;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => Fields[index];

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => Message;
}
