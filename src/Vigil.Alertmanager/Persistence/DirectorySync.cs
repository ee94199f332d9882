using System.Runtime.InteropServices;

namespace Vigil.Alertmanager.Persistence;

/// <summary>
/// fsync of a directory, so a rename inside it survives power loss. .NET cannot open a directory
/// as a stream on Unix, hence libc; on Windows the rename is already durable once it returns.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open([.. System.Text.Encoding.UTF8.GetBytes(directory), 0], ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"open directory {directory} for fsync failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync directory {directory} failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport with a NUL-terminated byte[] path: LibraryImport would need unsafe code in this project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
