using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Labels;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

public sealed class WriteRequestEncoderTests
{
    [Fact]
    public void Encode_ThenDecode_GivesBackLabelsAndSamples()
    {
        var stale = BitConverter.Int64BitsToDouble(0x7ff0000000000002);
        var series = new List<OutgoingSeries>
        {
            new(LabelSet.Of("__name__", "up", "job", "node", "instance", "ä:9100"), [new(1_700_000_000_000, 1), new(1_700_000_015_000, stale)]),
            new(LabelSet.Of("__name__", "temp", "zone", ""), [new(-5, -273.15), new(long.MaxValue, double.PositiveInfinity)]),
        };

        using var decoded = WriteRequestDecoder.Decode(WriteRequestEncoder.Encode(series));

        Assert.Equal(2, decoded.SeriesCount);
        Assert.Equal(series[0].Labels, decoded.Labels(0));
        Assert.Equal([new(1_700_000_000_000, 1), new(1_700_000_015_000, stale)], decoded.Samples(0).ToArray());
        Assert.Equal(0x7ff0000000000002, BitConverter.DoubleToInt64Bits(decoded.Samples(0)[1].Value));
        Assert.Equal(LabelSet.Of("__name__", "temp"), decoded.Labels(1));
        Assert.Equal([new(-5, -273.15), new(long.MaxValue, double.PositiveInfinity)], decoded.Samples(1).ToArray());
    }

    [Fact]
    public void Encode_NoSeries_IsAnEmptyButValidRequest()
    {
        using var decoded = WriteRequestDecoder.Decode(WriteRequestEncoder.Encode([]));

        Assert.Equal(0, decoded.SeriesCount);
    }

    [Fact]
    public void Protobuf_SameAsTheTestKitsFieldByFieldEncoder()
    {
        var labels = LabelSet.Of("__name__", "m", "a", "b");
        var ours = WriteRequestEncoder.Protobuf([new OutgoingSeries(labels, [new(1000, 2.5)])]);
        var kit = RemoteWriteEncoder.Protobuf([new RemoteWriteEncoder.Series([("__name__", "m"), ("a", "b")], [(1000, 2.5)])]);

        Assert.Equal(kit, ours);
    }
}
