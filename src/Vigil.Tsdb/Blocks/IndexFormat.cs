namespace Vigil.Tsdb.Blocks;

/// <summary>
/// Layout of a block's <c>index</c> file. After an 8-byte header come five sections, each framed as
/// <c>uint32 length | payload | uint32 crc32c(payload)</c>, then a table of contents (the five section
/// offsets as uint64 and its own crc32c) in the last <see cref="TocSize"/> bytes:
/// <list type="number">
/// <item>symbols: every distinct label name and value once, sorted; everything else refers to them by position;</item>
/// <item>series, sorted by labels (a series' id is its position): label pairs as symbol refs, then chunk metas;</item>
/// <item>series offsets: fixed-width positions into the series payload, for direct access by id;</item>
/// <item>postings: per label pair, the ascending ids of the series that carry it (delta varints);</item>
/// <item>label index: per label name its sorted values, each with where its postings list starts.</item>
/// </list>
/// </summary>
internal static class IndexFormat
{
    public const uint Magic = 0x56495831;
    public const int HeaderSize = 8;
    public const int SectionCount = 5;
    public const int TocSize = (SectionCount * 8) + 4;

    public const int Symbols = 0;
    public const int Series = 1;
    public const int SeriesOffsets = 2;
    public const int Postings = 3;
    public const int LabelIndex = 4;

    public static readonly string[] SectionNames = ["symbols", "series", "series offsets", "postings", "label index"];
}
