using System.Text;
using Vigil.Alertmanager.Persistence;

namespace Vigil.Alertmanager.Tests.Persistence;

/// <summary>
/// Simulated crashes: whatever prefix of the file a crash leaves (cut anywhere, or a garbled
/// tail), reopening yields a prefix of what was appended, never throws, and appends again cleanly.
/// </summary>
public sealed class RecordLogCrashTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Open_RandomCutOrGarbledTail_YieldsPrefixAndAcceptsAppends(int seed)
    {
        var random = new Random(seed);
        var path = _dir.File($"crash-{seed}.log");
        var written = Enumerable.Range(0, 50).Select(i => new string('x', random.Next(0, 300)) + i).ToList();
        var (log, _) = RecordLog.Open(path);
        using (log)
        {
            written.ForEach(w => log.Append(Encoding.UTF8.GetBytes(w)));
        }

        for (var round = 0; round < 40; round++)
        {
            var bytes = File.ReadAllBytes(path);
            var cut = random.Next(0, bytes.Length + 1);
            var damaged = bytes[..cut];
            if (random.Next(2) == 0 && cut > 0)
            {
                damaged[random.Next(cut)] ^= (byte)random.Next(1, 256);
            }

            File.WriteAllBytes(path, damaged);
            var (reopened, records) = RecordLog.Open(path);
            var got = records.Select(r => Encoding.UTF8.GetString(r)).ToList();
            Assert.Equal(written.Take(got.Count), got);
            reopened.Append(Encoding.UTF8.GetBytes("after"));
            reopened.Dispose();
            var (check, again) = RecordLog.Open(path);
            check.Dispose();
            Assert.Equal("after", Encoding.UTF8.GetString(again[^1]));
            written = [.. got, "after"];
        }
    }
}
