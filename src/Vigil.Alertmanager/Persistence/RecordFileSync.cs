namespace Vigil.Alertmanager.Persistence;

/// <summary>How a <see cref="RecordLog"/> makes written bytes durable; replaceable so tests can make it fail.</summary>
internal interface IRecordFileSync
{
    /// <summary>Flushes <paramref name="file"/> through to the disk.</summary>
    void Flush(FileStream file);
}

/// <summary>The real fsync.</summary>
internal sealed class RecordFileSync : IRecordFileSync
{
    /// <summary>The one instance.</summary>
    public static readonly RecordFileSync Default = new();

    /// <inheritdoc />
    public void Flush(FileStream file) => file.Flush(true);
}
