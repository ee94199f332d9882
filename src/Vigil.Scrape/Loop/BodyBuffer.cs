namespace Vigil.Scrape.Loop;

/// <summary>
/// One scrape loop's body buffer, kept from one scrape to the next. A fresh, doubling MemoryStream per scrape
/// allocated several large-object-heap arrays for a megabyte body (about 4 MB per scrape for 1.3 MB) and drove
/// gen2 collections at 1s scrapes; a kept buffer sized to the body allocates nothing once warm. What
/// <see cref="Written"/> returns is valid until the next <see cref="Reset"/>, which the loop only does for its next
/// scrape, after the previous body has been parsed and appended. Not thread-safe: one loop owns it.
/// </summary>
internal sealed class BodyBuffer
{
    private const int MinBytes = 16 * 1024;

    private byte[] _bytes = [];

    /// <summary>Bytes written since the last <see cref="Reset"/>.</summary>
    public int Length { get; private set; }

    /// <summary>The body read so far.</summary>
    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    /// <summary>Starts a new body, keeping the array.</summary>
    public void Reset() => Length = 0;

    /// <summary>
    /// Room after the written bytes, grown first when the buffer is full: to one byte past
    /// <paramref name="expected"/> (the Content-Length, so the read that finds the end needs no growth) when
    /// known, else double; never past <paramref name="max"/>.
    /// </summary>
    public Memory<byte> FreeSpace(long max, long? expected)
    {
        if (Length == _bytes.Length)
        {
            var wanted = Math.Max(Length == 0 && expected is > 0 ? expected.Value + 1 : (long)Length * 2, MinBytes);
            Array.Resize(ref _bytes, (int)Math.Min(wanted, max));
        }
        return _bytes.AsMemory(Length);
    }

    /// <summary>Counts <paramref name="count"/> bytes just read into <see cref="FreeSpace"/>.</summary>
    public void Advance(int count) => Length += count;
}
