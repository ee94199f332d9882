using Vigil.Storage.Exemplars;

namespace Vigil.Scrape.Parsing;

/// <summary>
/// A parser whose samples may carry exemplars (OpenMetrics text; the protobuf format's can plug in the same way).
/// The scrape cache asks after each series entry, so a parser without exemplars costs nothing.
/// </summary>
public interface IExemplarSource
{
    /// <summary>
    /// Adds the current sample's exemplars to <paramref name="into"/>. An exemplar the exposition gave no time
    /// has <see cref="Exemplar.HasTimestamp"/> false (its time is then the sample's, filled in by the caller).
    /// </summary>
    void ReadExemplars(List<Exemplar> into);
}
