using System.Buffers.Binary;
using Vigil.Model.Hashing;
using Vigil.Model.Labels;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// A block's index, read into memory and checksummed at open. Symbols and the label index are decoded
/// up front (they answer label queries and matchers); series and postings stay encoded and are decoded
/// per lookup, so a block costs about its index size in memory.
/// </summary>
internal sealed class IndexReader
{
    private readonly byte[] _file;
    private readonly (int Start, int Length)[] _sections;
    private readonly string[] _symbols;
    private readonly SortedDictionary<string, (string Value, int PostingsOffset)[]> _labelIndex;

    private IndexReader(byte[] file, (int, int)[] sections)
    {
        _file = file;
        _sections = sections;
        _symbols = ReadSymbols(Section(IndexFormat.Symbols));
        _labelIndex = ReadLabelIndex(Section(IndexFormat.LabelIndex));
        SeriesCount = (int)BinaryPrimitives.ReadUInt32BigEndian(Section(IndexFormat.SeriesOffsets));
    }

    /// <summary>How many series the block holds; series ids run from 0 to this, in label order.</summary>
    public int SeriesCount { get; }

    /// <summary>Label names with their sorted values.</summary>
    public IEnumerable<string> LabelNames => _labelIndex.Keys;

    /// <summary>Reads and checks the index at <paramref name="path"/>; damage throws <see cref="InvalidDataException"/> naming the file and section.</summary>
    public static IndexReader Open(string path)
    {
        var file = File.ReadAllBytes(path);
        try
        {
            return new IndexReader(file, LocateSections(file));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The sorted values of <paramref name="name"/>; empty when no series has it.</summary>
    public IEnumerable<string> LabelValues(string name) =>
        _labelIndex.TryGetValue(name, out var values) ? values.Select(v => v.Value) : [];

    /// <summary>Ascending ids of the series with <paramref name="name"/> = a value accepted by <paramref name="accept"/>.</summary>
    public List<int> Postings(string name, Func<string, bool> accept)
    {
        if (!_labelIndex.TryGetValue(name, out var values))
        {
            return [];
        }
        var lists = values.Where(v => accept(v.Value)).Select(v => ReadPostings(v.PostingsOffset)).ToList();
        return lists.Count == 1 ? lists[0] : PostingsOps.Union(lists);
    }

    /// <summary>The labels and chunk metas of series <paramref name="id"/>.</summary>
    public (LabelSet Labels, ChunkMeta[] Chunks) Series(int id)
    {
        var offsets = Section(IndexFormat.SeriesOffsets);
        var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(offsets[(4 + (4 * id))..]);
        var reader = new ByteReader(Section(IndexFormat.Series)) { Position = offset };
        var labels = new Label[reader.UVarint32()];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = new Label(Symbol(reader.UVarint32()), Symbol(reader.UVarint32()));
        }
        var chunks = new ChunkMeta[reader.UVarint32()];
        for (var i = 0; i < chunks.Length; i++)
        {
            var mint = reader.Varint();
            var maxt = mint + (long)reader.UVarint();
            chunks[i] = new ChunkMeta(mint, maxt, reader.UVarint(), reader.UVarint32());
        }
        return (LabelSet.FromSorted(labels), chunks);
    }

    private ReadOnlySpan<byte> Section(int index) => _file.AsSpan(_sections[index].Start, _sections[index].Length);

    private string Symbol(int reference) =>
        (uint)reference < (uint)_symbols.Length ? _symbols[reference] : throw new InvalidDataException($"symbol reference {reference} out of range");

    private List<int> ReadPostings(int offset)
    {
        var reader = new ByteReader(Section(IndexFormat.Postings)) { Position = offset };
        var ids = new List<int>(reader.UVarint32());
        var id = 0;
        for (var i = 0; i < ids.Capacity; i++)
        {
            id += reader.UVarint32();
            ids.Add(id);
        }
        return ids;
    }

    private static (int, int)[] LocateSections(byte[] file)
    {
        if (file.Length < IndexFormat.HeaderSize + IndexFormat.TocSize || BinaryPrimitives.ReadUInt32BigEndian(file) != IndexFormat.Magic)
        {
            throw new InvalidDataException("not an index file (bad magic or too short)");
        }
        var toc = file.AsSpan(file.Length - IndexFormat.TocSize);
        if (Crc32C.Compute(toc[..^4]) != BinaryPrimitives.ReadUInt32BigEndian(toc[^4..]))
        {
            throw new InvalidDataException("table of contents checksum mismatch");
        }
        var sections = new (int, int)[IndexFormat.SectionCount];
        for (var i = 0; i < sections.Length; i++)
        {
            sections[i] = CheckedSection(file, (long)BinaryPrimitives.ReadUInt64BigEndian(toc[(i * 8)..]), IndexFormat.SectionNames[i]);
        }
        return sections;
    }

    private static (int, int) CheckedSection(byte[] file, long offset, string name)
    {
        if (offset < IndexFormat.HeaderSize || offset + 8 > file.Length - IndexFormat.TocSize)
        {
            throw new InvalidDataException($"{name} section: offset {offset} out of range");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)offset));
        var start = (int)offset + 4;
        if (start + (long)length + 4 > file.Length - IndexFormat.TocSize)
        {
            throw new InvalidDataException($"{name} section: length {length} runs past the end");
        }
        var payload = file.AsSpan(start, (int)length);
        if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(start + (int)length)))
        {
            throw new InvalidDataException($"{name} section checksum mismatch");
        }
        return (start, (int)length);
    }

    private static string[] ReadSymbols(ReadOnlySpan<byte> section)
    {
        var reader = new ByteReader(section);
        var symbols = new string[reader.UVarint32()];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = reader.String();
        }
        return symbols;
    }

    private SortedDictionary<string, (string, int)[]> ReadLabelIndex(ReadOnlySpan<byte> section)
    {
        var reader = new ByteReader(section);
        var index = new SortedDictionary<string, (string, int)[]>(StringComparer.Ordinal);
        var names = reader.UVarint32();
        for (var n = 0; n < names; n++)
        {
            var name = Symbol(reader.UVarint32());
            var values = new (string, int)[reader.UVarint32()];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = (Symbol(reader.UVarint32()), reader.UVarint32());
            }
            index[name] = values;
        }
        return index;
    }
}
