namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// A secret kept in a file and read again after <see cref="RefreshAfter"/>: service account tokens are
/// rotated by the kubelet, and a long-running discovery must pick up the new one without a restart.
/// </summary>
internal sealed class FileSecret(string path, TimeProvider time)
{
    /// <summary>How long a read value is reused (client-go re-reads its token file about every minute).</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private string? _value;
    private DateTimeOffset _readAt;

    /// <summary>The file's trimmed content; the last good value when the file cannot be read now.</summary>
    public string? Read()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_value is null || now - _readAt >= RefreshAfter)
            {
                try
                {
                    _value = File.ReadAllText(path).Trim();
                    _readAt = now;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    if (_value is null)
                    {
                        throw new IOException($"cannot read {path}: {e.Message}", e);
                    }
                }
            }
            return _value;
        }
    }
}
