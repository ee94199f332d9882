using Vigil.Alertmanager.Persistence;

namespace Vigil.Alertmanager.NotificationLog;

/// <summary>
/// Notification log entries journalled in a <see cref="RecordLog"/> (<c>nflog.log</c> under
/// <c>--storage.path</c>): one record per logged notification; on recovery the log keeps the
/// newest per (receiver, group) and drops expired ones.
/// </summary>
public sealed class FileNotificationLogJournal : INotificationLogJournal, IDisposable
{
    /// <summary>The file name inside the storage directory.</summary>
    public const string FileName = "nflog.log";

    private readonly RecordLog _log;
    private readonly Action<string>? _warn;
    private IReadOnlyList<byte[]> _recovered;

    /// <summary>Opens (or creates) the journal in <paramref name="directory"/>; problems are reported through <paramref name="warn"/>.</summary>
    public FileNotificationLogJournal(string directory, Action<string>? warn = null)
    {
        Directory.CreateDirectory(directory);
        _warn = warn;
        (_log, _recovered) = RecordLog.Open(Path.Combine(directory, FileName), warn);
    }

    /// <summary>The journal file's path.</summary>
    public string FilePath => _log.Path;

    /// <inheritdoc />
    public IEnumerable<NotificationLogEntry> Recover()
    {
        var entries = new List<NotificationLogEntry>(_recovered.Count);
        foreach (var record in _recovered)
        {
            try
            {
                entries.Add(NotificationLogEntryCodec.Decode(record));
            }
            catch (FormatException e)
            {
                // The checksum held, so this is a format we do not know; skip it rather than refuse to start.
                _warn?.Invoke($"{_log.Path}: skipped a notification log record: {e.Message}");
            }
        }

        _recovered = []; // read once at start-up; do not hold the whole file in memory afterwards
        return entries;
    }

    /// <inheritdoc />
    public void Record(NotificationLogEntry entry) => _log.Append(NotificationLogEntryCodec.Encode(entry));

    /// <inheritdoc />
    public void Compact(IEnumerable<NotificationLogEntry> entries) => _log.Compact(entries.Select(NotificationLogEntryCodec.Encode));

    /// <inheritdoc />
    public void Dispose() => _log.Dispose();
}
