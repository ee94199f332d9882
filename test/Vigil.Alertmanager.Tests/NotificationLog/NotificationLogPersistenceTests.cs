using Microsoft.Extensions.Time.Testing;
using Vigil.Alertmanager.NotificationLog;
using Vigil.Alertmanager.Persistence;
using Vigil.Alertmanager.Tests.Persistence;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.NotificationLog;

public sealed class NotificationLogPersistenceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(120);
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Codec_RoundTrip_KeepsEveryField()
    {
        var entry = new NotificationLogEntry("r/webhook/0", "{}:{alertname=\"ü\"}", T0, [new Fingerprint(1), new Fingerprint(ulong.MaxValue)], [new Fingerprint(0xabc)], T0.AddHours(8));

        var back = NotificationLogEntryCodec.Decode(NotificationLogEntryCodec.Encode(entry));

        Assert.Equal(entry.ReceiverKey, back.ReceiverKey);
        Assert.Equal(entry.GroupKey, back.GroupKey);
        Assert.Equal(entry.Timestamp, back.Timestamp);
        Assert.Equal(entry.ExpiresAt, back.ExpiresAt);
        Assert.Equal(entry.FiringAlerts, back.FiringAlerts);
        Assert.Equal(entry.ResolvedAlerts, back.ResolvedAlerts);
    }

    [Fact]
    public void Reopen_AfterLog_RecoversEntry()
    {
        using (var journal = new FileNotificationLogJournal(_dir.Path))
        {
            Open(journal).Log("r/webhook/0", "g", [new Fingerprint(1)], [new Fingerprint(2)], T0, TimeSpan.FromHours(8));
        }

        using var reopened = new FileNotificationLogJournal(_dir.Path);
        var entry = Open(reopened).Query("r/webhook/0", "g");
        Assert.NotNull(entry);
        Assert.Equal([new Fingerprint(1)], entry.FiringAlerts);
        Assert.Equal([new Fingerprint(2)], entry.ResolvedAlerts);
        Assert.Equal(T0, entry.Timestamp);
        Assert.Equal(T0.AddHours(8), entry.ExpiresAt);
    }

    [Fact]
    public void Log_WithJournal_IsOnDiskBeforeItReturns()
    {
        var journal = new RecordingJournal();
        var log = new InMemoryNotificationLog(_time, Retention, journal: journal);

        log.Log("r/webhook/0", "g", [new Fingerprint(1)], [], T0, TimeSpan.Zero);

        Assert.Single(journal.Recorded);
    }

    [Fact]
    public void Log_JournalFails_NotRecordedInMemoryAndThrows()
    {
        var journal = new RecordingJournal { Fail = true };
        var log = new InMemoryNotificationLog(_time, Retention, journal: journal);

        Assert.Throws<IOException>(() => log.Log("r/webhook/0", "g", [new Fingerprint(1)], [], T0, TimeSpan.Zero));

        Assert.Null(log.Query("r/webhook/0", "g"));
    }

    [Fact]
    public void Reopen_SeveralEntriesPerKey_LatestWins()
    {
        using (var journal = new FileNotificationLogJournal(_dir.Path))
        {
            var log = Open(journal);
            log.Log("r/webhook/0", "g", [new Fingerprint(1)], [], T0, TimeSpan.Zero);
            log.Log("r/webhook/0", "g", [new Fingerprint(2)], [], T0.AddMinutes(5), TimeSpan.Zero);
            log.Log("r/webhook/1", "g", [new Fingerprint(3)], [], T0.AddMinutes(1), TimeSpan.Zero);
        }

        using var reopened = new FileNotificationLogJournal(_dir.Path);
        var recovered = Open(reopened);
        Assert.Equal(2, recovered.Count);
        Assert.Equal([new Fingerprint(2)], recovered.Query("r/webhook/0", "g")!.FiringAlerts);
        Assert.Equal([new Fingerprint(3)], recovered.Query("r/webhook/1", "g")!.FiringAlerts);
    }

    [Fact]
    public void Reopen_AfterExpiry_DropsExpiredEntries()
    {
        using (var journal = new FileNotificationLogJournal(_dir.Path))
        {
            var log = Open(journal);
            log.Log("r/webhook/0", "short", [new Fingerprint(1)], [], T0, TimeSpan.FromHours(1));
            log.Log("r/webhook/0", "long", [new Fingerprint(2)], [], T0, TimeSpan.FromHours(8));
        }

        _time.Advance(TimeSpan.FromHours(2));
        using var reopened = new FileNotificationLogJournal(_dir.Path);
        var recovered = Open(reopened);
        Assert.Null(recovered.Query("r/webhook/0", "short"));
        Assert.NotNull(recovered.Query("r/webhook/0", "long"));
    }

    [Fact]
    public void Reopen_TornTail_KeepsGoodEntriesAndWarns()
    {
        using (var journal = new FileNotificationLogJournal(_dir.Path))
        {
            var log = Open(journal);
            log.Log("r/webhook/0", "g1", [new Fingerprint(1)], [], T0, TimeSpan.Zero);
            log.Log("r/webhook/0", "g2", [new Fingerprint(2)], [], T0, TimeSpan.Zero);
        }

        // A crash mid-append: the last record is cut short.
        var path = _dir.File(FileNotificationLogJournal.FileName);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }

        var warnings = new List<string>();
        using var reopened = new FileNotificationLogJournal(_dir.Path, warnings.Add);
        var recovered = Open(reopened);
        Assert.NotNull(recovered.Query("r/webhook/0", "g1"));
        Assert.Null(recovered.Query("r/webhook/0", "g2"));
        Assert.Contains(warnings, w => w.Contains("torn", StringComparison.Ordinal));
    }

    [Fact]
    public void Reopen_GarbageFile_StartsEmptyWithoutThrowing()
    {
        File.WriteAllBytes(_dir.File(FileNotificationLogJournal.FileName), [0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5]);

        var warnings = new List<string>();
        using var journal = new FileNotificationLogJournal(_dir.Path, warnings.Add);

        Assert.Equal(0, Open(journal).Count);
        Assert.NotEmpty(warnings);
    }

    [Fact]
    public void Maintain_WithExpiredEntries_CompactsFileToLiveEntries()
    {
        using (var journal = new FileNotificationLogJournal(_dir.Path))
        {
            var log = Open(journal);
            log.Log("r/webhook/0", "old", [new Fingerprint(1)], [], T0, TimeSpan.FromHours(1));
            log.Log("r/webhook/0", "live", [new Fingerprint(2)], [], T0, TimeSpan.FromHours(8));
            log.Log("r/webhook/0", "live", [new Fingerprint(3)], [], T0.AddMinutes(1), TimeSpan.FromHours(8));
            _time.Advance(TimeSpan.FromHours(2));

            Assert.Equal(1, log.Maintain());
            log.Log("r/webhook/1", "after", [new Fingerprint(4)], [], _time.GetUtcNow(), TimeSpan.FromHours(8));
        }

        var (file, records) = RecordLog.Open(_dir.File(FileNotificationLogJournal.FileName));
        file.Dispose();
        var onDisk = records.Select(r => NotificationLogEntryCodec.Decode(r)).ToList();
        Assert.Equal(2, onDisk.Count);
        Assert.Contains(onDisk, e => e.GroupKey == "live" && e.FiringAlerts.SequenceEqual([new Fingerprint(3)]));
        Assert.Contains(onDisk, e => e.GroupKey == "after");
    }

    private InMemoryNotificationLog Open(INotificationLogJournal journal) => new(_time, Retention, journal: journal);

    /// <summary>A journal that remembers what it was given, or fails like a full disk.</summary>
    private sealed class RecordingJournal : INotificationLogJournal
    {
        public List<NotificationLogEntry> Recorded { get; } = [];

        public bool Fail { get; init; }

        public IEnumerable<NotificationLogEntry> Recover() => [];

        public void Record(NotificationLogEntry entry)
        {
            if (Fail)
            {
                throw new IOException("disk full");
            }

            Recorded.Add(entry);
        }

        public void Compact(IEnumerable<NotificationLogEntry> entries)
        {
        }
    }
}
