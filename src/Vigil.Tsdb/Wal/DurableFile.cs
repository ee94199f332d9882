namespace Vigil.Tsdb.Wal;

/// <summary>Replacing a small file so that a crash leaves either the old content or the new, never a torn file.</summary>
internal static class DurableFile
{
    /// <summary>
    /// Writes <paramref name="bytes"/> beside <paramref name="name"/> in <paramref name="directory"/>, fsyncs them,
    /// renames over the old file and syncs the directory; returns once the new file is on disk. The rename gives the
    /// file a new inode, so a hard link to the old one (a snapshot) keeps the old content.
    /// </summary>
    public static void Replace(string directory, string name, ReadOnlySpan<byte> bytes)
    {
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
    }
}
