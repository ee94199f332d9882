using Google.Protobuf;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Labels;
using static Vigil.Api.Tests.Prometheus.RemoteWriteEncoder;

namespace Vigil.Api.Tests.Prometheus;

public sealed class WriteRequestDecoderTests
{
    [Fact]
    public void Decode_SeveralSeries_EachKeepsItsOwnSamples()
    {
        using var batch = WriteRequestDecoder.Decode(Encode([
            new Series([("__name__", "a")], [(1000, 1), (2000, 2)]),
            new Series([("__name__", "b")], []),
            new Series([("__name__", "c")], [(3000, 3)]),
        ]));
        Assert.Equal(3, batch.SeriesCount);
        Assert.Equal(3, batch.SampleCount);
        Assert.Equal([new WriteSample(1000, 1), new WriteSample(2000, 2)], batch.Samples(0).ToArray());
        Assert.Empty(batch.Samples(1).ToArray());
        Assert.Equal([new WriteSample(3000, 3)], batch.Samples(2).ToArray());
        Assert.Equal(LabelSet.Of("__name__", "c"), batch.Labels(2));
    }

    [Fact]
    public void Decode_ManySamples_GrowsPastTheFirstBuffer()
    {
        var samples = Enumerable.Range(0, 5000).Select(i => ((long)i, (double)i)).ToArray();
        using var batch = WriteRequestDecoder.Decode(Encode([new Series([("__name__", "a")], samples), new Series([("__name__", "b")], [(1, 1)])]));
        Assert.Equal(5001, batch.SampleCount);
        Assert.Equal(4999, batch.Samples(0)[4999].Value);
        Assert.Equal([new WriteSample(1, 1)], batch.Samples(1).ToArray());
    }

    [Fact]
    public void Decode_LabelsAfterSamplesAndUnknownFields_StillDecoded()
    {
        var series = Message(o =>
        {
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(s =>
            {
                s.WriteTag(9, WireFormat.WireType.Fixed32); // unknown field in a sample
                s.WriteFixed32(7);
                s.WriteTag(2, WireFormat.WireType.Varint);
                s.WriteInt64(-5);
                s.WriteTag(1, WireFormat.WireType.Fixed64);
                s.WriteDouble(0.25);
            }));
            o.WriteTag(7, WireFormat.WireType.Varint); // unknown field in a series
            o.WriteUInt64(300);
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(l =>
            {
                l.WriteTag(1, WireFormat.WireType.LengthDelimited);
                l.WriteString("__name__");
                l.WriteTag(2, WireFormat.WireType.LengthDelimited);
                l.WriteString("late");
            }));
        });
        var request = Message(o =>
        {
            o.WriteTag(3, WireFormat.WireType.Fixed64); // unknown top-level field (e.g. metadata in a newer sender)
            o.WriteFixed64(1);
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(series);
        });
        using var batch = WriteRequestDecoder.Decode(Snappier.Snappy.CompressToArray(request.ToByteArray()));
        Assert.Equal(LabelSet.Of("__name__", "late"), Assert.Single(Enumerable.Range(0, batch.SeriesCount).Select(batch.Labels)));
        Assert.Equal([new WriteSample(-5, 0.25)], batch.Samples(0).ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x0a, 0x05, 0x12 }, "runs past the end")]
    [InlineData(new byte[] { 0x08, 0x80 }, "ends inside a varint")]
    [InlineData(new byte[] { 0x09, 0x01, 0x02 }, "ends inside a field")]
    [InlineData(new byte[] { 0x0b }, "unsupported wire type 3")]
    [InlineData(new byte[] { 0x00 }, "field number 0")]
    public void Decode_MalformedProtobuf_ProtoErrorSaysWhy(byte[] message, string reason)
    {
        var e = Assert.Throws<WriteRequestException>(() => WriteRequestDecoder.Decode(Snappier.Snappy.CompressToArray(message)));
        Assert.StartsWith("proto: cannot parse WriteRequest", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EmptyLabelValue_LabelDropped()
    {
        using var batch = WriteRequestDecoder.Decode(Encode([new Series([("zone", ""), ("__name__", "up"), ("job", "x")], [(1, 1)])]));
        Assert.Equal(LabelSet.Of("__name__", "up", "job", "x"), batch.Labels(0));
    }

    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}
