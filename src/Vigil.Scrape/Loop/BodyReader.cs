using System.Buffers.Binary;
using System.IO.Compression;

namespace Vigil.Scrape.Loop;

/// <summary>
/// Reads a scrape body into one buffer, decompressing gzip itself (rather than in the HTTP handler) so that
/// <c>body_size_limit</c> bounds the decompressed size, a gzip bomb stops at the limit, and a truncated gzip
/// stream is an error (<c>unexpected EOF</c>, as Go reports it) instead of a silently shortened payload.
/// </summary>
internal static class BodyReader
{
    /// <summary>The smallest gzip member: 10-byte header, empty deflate block, 8-byte trailer.</summary>
    private const int MinGzipLength = 20;

    /// <summary>Reads the body into <paramref name="buffer"/> (one per scrape loop, reused) and returns it.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContent content, long limit, BodyBuffer buffer, CancellationToken cancel)
    {
        await using var raw = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        var gzip = content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase);
        var tail = gzip ? new TailStream(raw) : null;
        await using var stream = tail is not null ? new GZipStream(tail, CompressionMode.Decompress) : raw;
        // Without a configured limit the body still has to fit one array; past that it is refused rather
        // than letting a gzip bomb or an endless body take the process down.
        var max = limit > 0 ? Math.Min(limit, Array.MaxLength) : Array.MaxLength;
        buffer.Reset();
        try
        {
            // A gzip body's announced length is the compressed one: no hint for the decompressed size.
            await CopyAsync(stream, buffer, max, gzip ? null : content.Headers.ContentLength, cancel).ConfigureAwait(false);
        }
        catch (InvalidDataException e) when (gzip)
        {
            // Go's words: bad data before anything decompressed is a bad header, later it is corrupt deflate data.
            throw new ScrapeFailedException(buffer.Length == 0 ? "gzip: invalid header" : "flate: corrupt input", e);
        }
        if (tail is not null && !tail.EndsWithTrailerFor(buffer.Length))
        {
            throw new ScrapeFailedException("unexpected EOF");
        }
        return buffer.Written;
    }

    private static async Task CopyAsync(Stream from, BodyBuffer to, long max, long? expected, CancellationToken cancel)
    {
        int read;
        while ((read = await from.ReadAsync(to.FreeSpace(max, expected), cancel).ConfigureAwait(false)) > 0)
        {
            to.Advance(read);
            // As upstream, a body that reaches the limit exactly counts as over it.
            if (to.Length >= max)
            {
                throw ScrapeFailedException.BodyTooLarge();
            }
        }
    }

    /// <summary>
    /// Passes a stream through, remembering its length and last 8 bytes. GZipStream ends quietly when its
    /// input is cut short; the gzip trailer's ISIZE (decompressed length mod 2^32) tells a whole stream apart.
    /// </summary>
    private sealed class TailStream(Stream inner) : Stream
    {
        private readonly byte[] _last = new byte[8];
        private long _length;

        public bool EndsWithTrailerFor(long decompressed) =>
            _length >= MinGzipLength && BinaryPrimitives.ReadUInt32LittleEndian(Last(4)) == (uint)decompressed;

        private byte[] Last(int count)
        {
            var result = new byte[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _last[(int)((_length - count + i) % _last.Length)];
            }
            return result;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Remember(buffer.Span[..read]);
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Remember(buffer.AsSpan(offset, read));
            return read;
        }

        private void Remember(ReadOnlySpan<byte> bytes)
        {
            // Only the last 8 bytes can matter; the ring position stays the total length mod 8.
            var skip = Math.Max(0, bytes.Length - _last.Length);
            _length += skip;
            foreach (var b in bytes[skip..])
            {
                _last[(int)(_length++ % _last.Length)] = b;
            }
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
