using Vigil.Model.Labels;
using Vigil.Scrape.Parsing;
using Vigil.Storage;
using Vigil.Storage.Exemplars;

namespace Vigil.Scrape.Loop;

/// <summary>
/// Appends the exemplars of a scraped sample after the sample itself, as upstream's scrape loop does: an exemplar
/// without its own time gets the sample's, several are sorted by time, value and labels first, and refusals never
/// fail the scrape. Out-of-order ones are counted only when all of a sample's are (otherwise the target merely
/// repeated some it had shown before).
/// </summary>
internal sealed class ScrapeExemplars
{
    private readonly List<Exemplar> _buffer = [];

    /// <summary>Appends what <paramref name="parser"/> holds for the current sample; returns how many were out of order.</summary>
    public int Append(IAppender appender, IExemplarSource parser, SeriesRef series, LabelSet labels, long sampleTimestamp)
    {
        _buffer.Clear();
        parser.ReadExemplars(_buffer);
        if (_buffer.Count == 0)
        {
            return 0;
        }
        for (var i = 0; i < _buffer.Count; i++)
        {
            if (!_buffer[i].HasTimestamp)
            {
                _buffer[i] = _buffer[i] with { Timestamp = sampleTimestamp };
            }
        }
        if (_buffer.Count > 1)
        {
            _buffer.Sort(Exemplar.Compare);
        }
        var outOfOrder = 0;
        foreach (var exemplar in _buffer)
        {
            if (appender.AppendExemplar(series, labels, exemplar) == ExemplarStatus.OutOfOrder)
            {
                outOfOrder++;
            }
        }
        return outOfOrder == _buffer.Count ? outOfOrder : 0;
    }
}
