using Vigil.Model.Labels;
using Vigil.Storage.Exemplars;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>An exemplar of series <paramref name="Series"/> (its index in the batch).</summary>
public readonly record struct WriteExemplar(int Series, Exemplar Exemplar);

/// <summary>The request's exemplars, kept apart from the pooled float samples (they are few and hold label sets).</summary>
public sealed partial class WriteBatch
{
    private List<WriteExemplar>? _exemplars;

    /// <summary>The exemplars of all series, in request order.</summary>
    public IReadOnlyList<WriteExemplar> ExemplarEntries => _exemplars ?? (IReadOnlyList<WriteExemplar>)[];

    /// <summary>How many exemplars the request holds.</summary>
    public int Exemplars => _exemplars?.Count ?? 0;

    /// <summary>Decodes one <c>Exemplar</c> message (labels 1, value 2, timestamp 3) of the series being read.</summary>
    internal void AddExemplar(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        var labels = new List<Label>();
        double value = 0;
        long timestamp = 0;
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.LengthDelimited:
                    labels.Add(RemoteRead.WireLabels.Decode(reader.ReadBytes()));
                    break;
                case 2 when wireType == ProtoReader.Fixed64:
                    value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                    break;
                case 3 when wireType == ProtoReader.Varint:
                    timestamp = unchecked((long)reader.ReadVarint());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        // Empty label values are dropped, as upstream's head does before storing an exemplar.
        (_exemplars ??= []).Add(new WriteExemplar(SeriesCount, new Exemplar(LabelSet.From(labels), value, timestamp)));
    }
}
