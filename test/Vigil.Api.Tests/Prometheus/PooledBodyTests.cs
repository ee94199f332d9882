using System.Buffers;
using Vigil.Api.Prometheus.RemoteWrite;

namespace Vigil.Api.Tests.Prometheus;

public sealed class PooledBodyTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(10, 10L)]
    [InlineData(200_000, null)]
    [InlineData(200_000, 100L)]
    [InlineData(100, 200_000L)]
    public async Task ReadAsync_AnyAnnouncedLength_ReturnsTheWholeBody(int size, long? announced)
    {
        var body = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        using var stream = new MemoryStream(body);
        var (buffer, length) = await PooledBody.ReadAsync(stream, announced, CancellationToken.None);
        try
        {
            Assert.Equal(body, buffer.AsSpan(0, length).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
