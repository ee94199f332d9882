using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// A block's <c>meta.json</c>: what time it covers (<see cref="MinTime"/> inclusive, <see cref="MaxTime"/>
/// exclusive, as upstream), what is in it, and which blocks it was compacted from.
/// </summary>
public sealed record BlockMeta
{
    /// <summary>The block's id, also its directory name.</summary>
    [JsonPropertyName("ulid")]
    public required string Id { get; init; }

    /// <summary>Earliest timestamp the block may hold (ms, inclusive).</summary>
    [JsonPropertyName("minTime")]
    public long MinTime { get; init; }

    /// <summary>End of the block's range (ms, exclusive).</summary>
    [JsonPropertyName("maxTime")]
    public long MaxTime { get; init; }

    /// <summary>Counts of what the block holds.</summary>
    [JsonPropertyName("stats")]
    public BlockStats Stats { get; init; } = new();

    /// <summary>How the block came to be.</summary>
    [JsonPropertyName("compaction")]
    public BlockCompaction Compaction { get; init; } = new();

    /// <summary>Format version of this meta file.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = 1;

    /// <summary>The file's name inside a block directory.</summary>
    public const string FileName = "meta.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Serialises for <c>meta.json</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses <c>meta.json</c> text; anything unusable throws <see cref="InvalidDataException"/> saying what.</summary>
    public static BlockMeta Parse(string json)
    {
        BlockMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize<BlockMeta>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"meta.json is not valid: {e.Message}", e);
        }
        if (meta is null || string.IsNullOrEmpty(meta.Id))
        {
            throw new InvalidDataException("meta.json has no ulid");
        }
        if (meta.MaxTime < meta.MinTime)
        {
            throw new InvalidDataException($"meta.json maxTime {meta.MaxTime} is before minTime {meta.MinTime}");
        }
        return meta;
    }

    /// <summary>
    /// Replaces <c>meta.json</c> in <paramref name="blockDirectory"/> durably: written beside, fsynced, renamed. The
    /// rename gives the file a new inode, so a snapshot that hard-linked the old one keeps it unchanged.
    /// </summary>
    public void Replace(string blockDirectory) =>
        Wal.DurableFile.Replace(blockDirectory, FileName, System.Text.Encoding.UTF8.GetBytes(ToJson()));

    /// <summary>Whether the block's range touches [<paramref name="mint"/>, <paramref name="maxt"/>] (inclusive query bounds).</summary>
    public bool Overlaps(long mint, long maxt) => MinTime <= maxt && MaxTime > mint;
}

/// <summary>Counts kept in <c>meta.json</c>.</summary>
public sealed record BlockStats
{
    /// <summary>Series in the block.</summary>
    [JsonPropertyName("numSeries")]
    public long NumSeries { get; init; }

    /// <summary>Samples in the block.</summary>
    [JsonPropertyName("numSamples")]
    public long NumSamples { get; init; }

    /// <summary>Chunks in the block.</summary>
    [JsonPropertyName("numChunks")]
    public long NumChunks { get; init; }

    /// <summary>Of <see cref="NumSamples"/>, how many are native histograms; absent from the file when none (older blocks).</summary>
    [JsonPropertyName("numHistogramSamples")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long NumHistogramSamples { get; init; }

    /// <summary>
    /// Deleted ranges in the block's <c>tombstones</c> file (one per series and range, as upstream counts them);
    /// absent from the file when none.
    /// </summary>
    [JsonPropertyName("numTombstones")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long NumTombstones { get; init; }
}

/// <summary>Compaction history of a block.</summary>
public sealed record BlockCompaction
{
    /// <summary>1 for a block cut from the head; one more than its highest source for a merged block.</summary>
    [JsonPropertyName("level")]
    public int Level { get; init; } = 1;

    /// <summary>Ids of the level-1 blocks whose data this block holds.</summary>
    [JsonPropertyName("sources")]
    public IReadOnlyList<string> Sources { get; init; } = [];
}
