using Vigil.Alertmanager.Persistence;

namespace Vigil.Alertmanager.Silences;

/// <summary>
/// Silences journalled in a <see cref="RecordLog"/> (<c>silences.log</c> under <c>--storage.path</c>):
/// one record per version of a silence, the latest per id winning on recovery.
/// </summary>
public sealed class FileSilenceJournal : ISilenceJournal, IDisposable
{
    /// <summary>The file name inside the storage directory.</summary>
    public const string FileName = "silences.log";

    private readonly RecordLog _log;
    private IReadOnlyList<byte[]> _recovered;
    private readonly Action<string>? _warn;

    /// <summary>Opens (or creates) the journal in <paramref name="directory"/>; problems are reported through <paramref name="warn"/>.</summary>
    public FileSilenceJournal(string directory, Action<string>? warn = null)
    {
        Directory.CreateDirectory(directory);
        _warn = warn;
        (_log, _recovered) = RecordLog.Open(Path.Combine(directory, FileName), warn);
    }

    /// <inheritdoc />
    public IEnumerable<Silence> Recover()
    {
        var latest = new Dictionary<string, Silence>(StringComparer.Ordinal);
        foreach (var record in _recovered)
        {
            try
            {
                var s = SilenceCodec.Decode(record);
                latest[s.Id] = s;
            }
            catch (FormatException e)
            {
                // The checksum held, so this is a format we do not know; skip it rather than refuse to start.
                _warn?.Invoke($"{_log.Path}: skipped a silence record: {e.Message}");
            }
        }

        _recovered = []; // read once at start-up; do not hold the whole file in memory afterwards
        return latest.Values;
    }

    /// <inheritdoc />
    public void Record(Silence silence) => _log.Append(SilenceCodec.Encode(silence));

    /// <inheritdoc />
    public Task RecordAsync(Silence silence) => _log.AppendAsync(SilenceCodec.Encode(silence));

    /// <inheritdoc />
    public void Compact(IEnumerable<Silence> silences) => _log.Compact(silences.Select(SilenceCodec.Encode));

    /// <inheritdoc />
    public void Dispose() => _log.Dispose();
}
