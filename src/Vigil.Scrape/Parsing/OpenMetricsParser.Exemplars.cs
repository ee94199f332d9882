using Vigil.Storage.Exemplars;

namespace Vigil.Scrape.Parsing;

/// <summary>OpenMetrics allows one exemplar per sample, after <c> # </c> on the sample's line.</summary>
public sealed partial class OpenMetricsParser : IExemplarSource
{
    /// <inheritdoc />
    /// <remarks>Label values are kept as written (escapes unresolved), as upstream's parser keeps them.</remarks>
    public void ReadExemplars(List<Exemplar> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!HasExemplar)
        {
            return;
        }
        var timestamp = ExemplarTimestampMs;
        into.Add(new Exemplar(ExemplarLabels(), ExemplarValue, timestamp ?? 0, timestamp is not null));
    }
}
