namespace Vigil.Tsdb.Wal;

/// <summary>Checkpoints: folding old segments into one smaller file once their data is persisted elsewhere.</summary>
public sealed partial class WriteAheadLog
{
    /// <summary>
    /// Rewrites the previous checkpoint and every segment up to <paramref name="throughSegment"/> into
    /// <c>checkpoint.NNNNNNNN</c>, keeping only what <paramref name="keep"/> returns for each record (null
    /// drops it), then deletes what the checkpoint replaces. The checkpoint appears atomically (written
    /// aside, synced, renamed), so a crash at any point leaves a replayable directory.
    /// </summary>
    public void Checkpoint(int throughSegment, Func<byte[], byte[]?> keep)
    {
        if (throughSegment >= CurrentSegment)
        {
            throw new ArgumentOutOfRangeException(nameof(throughSegment), $"segment {throughSegment} is still being written; rotate first");
        }
        var final = Path.Combine(_directory, SegmentFiles.CheckpointName(throughSegment));
        var temporary = final + ".tmp";
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            foreach (var source in CheckpointSources(throughSegment))
            {
                var (good, problem) = SegmentReader.Read(source, record =>
                {
                    var kept = keep(record);
                    if (kept is not null)
                    {
                        output.Write(SegmentReader.Frame(kept));
                    }
                });
                if (problem is not null)
                {
                    LogCorruptCheckpoint(_logger, source, problem, good);
                }
            }
            output.Flush(true);
        }
        File.Move(temporary, final, overwrite: true);
        DirectorySync.Flush(_directory);
        DeleteReplaced(throughSegment);
    }

    private List<string> CheckpointSources(int throughSegment)
    {
        var sources = new List<string>();
        var checkpoints = SegmentFiles.Checkpoints(_directory);
        var from = 0;
        if (checkpoints.Count > 0 && checkpoints[^1] <= throughSegment)
        {
            sources.Add(Path.Combine(_directory, SegmentFiles.CheckpointName(checkpoints[^1])));
            from = checkpoints[^1] + 1;
        }
        foreach (var n in SegmentFiles.Segments(_directory))
        {
            if (n >= from && n <= throughSegment)
            {
                sources.Add(Path.Combine(_directory, SegmentFiles.SegmentName(n)));
            }
        }
        return sources;
    }

    private void DeleteReplaced(int throughSegment)
    {
        foreach (var n in SegmentFiles.Checkpoints(_directory))
        {
            if (n < throughSegment)
            {
                File.Delete(Path.Combine(_directory, SegmentFiles.CheckpointName(n)));
            }
        }
        TruncateBefore(throughSegment + 1);
    }
}
