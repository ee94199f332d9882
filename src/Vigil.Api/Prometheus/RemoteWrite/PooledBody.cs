using Vigil.Storage.Pooling;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>Reads a request body whole into an array rented from <see cref="LargeArrayPool{T}"/>.</summary>
public static class PooledBody
{
    private const int DefaultCapacity = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="body"/> to its end. Returns the rented array (the caller returns it to
    /// <see cref="LargeArrayPool{T}"/>) and how many bytes of it hold the body. <paramref name="contentLength"/>, when known,
    /// sizes the buffer so it is rented once.
    /// </summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        var pool = LargeArrayPool<byte>.Shared;
        // One byte more than announced, so reaching the end does not need a second buffer.
        var buffer = pool.Rent(contentLength is > 0 and < int.MaxValue ? (int)contentLength + 1 : DefaultCapacity);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = pool.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    pool.Return(buffer);
                    buffer = bigger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length);
                }
                length += read;
            }
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }
    }
}
