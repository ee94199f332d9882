using System.Runtime.InteropServices;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// fsync of a directory so that creating, renaming or deleting a segment survives power loss;
/// .NET has no managed way to open a directory for that on Unix.
/// </summary>
internal static class DirectorySync
{
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var fd = OpenDirectory([.. System.Text.Encoding.UTF8.GetBytes(directory), 0], 0);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }
        try
        {
            if (SyncDescriptor(fd) != 0)
            {
                throw new IOException($"cannot sync directory {directory} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = CloseDescriptor(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenDirectory(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int SyncDescriptor(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int CloseDescriptor(int fd);
}
