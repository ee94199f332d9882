using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Scrape.Tests.Loop;

/// <summary>One committed sample.</summary>
internal sealed record Appended(LabelSet Labels, long Timestamp, double Value)
{
    public string Name => Labels.Get("__name__");

    public bool IsStale => StaleNaN.IsStaleMarker(Value);
}

/// <summary>Storage for tests: keeps committed samples in order, discards rolled-back ones, refuses older timestamps.</summary>
internal sealed class RecordingStorage
{
    public List<Appended> Committed { get; } = [];

    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public int Commits { get; private set; }

    /// <summary>Completes once <paramref name="count"/> commits have happened (the loop commits on the thread pool).</summary>
    public Task CommitsReached(int count)
    {
        lock (Committed)
        {
            if (Commits >= count)
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }

    public int Rollbacks { get; private set; }

    public IAppender Appender() => new RecordingAppender(this);

    /// <summary>What the storage answers for each sample (everything accepted unless a test says otherwise).</summary>
    public Func<Appended, AppendStatus> Answer { get; set; } = _ => AppendStatus.Ok;

    public IReadOnlyList<Appended> Named(string name) => Committed.Where(s => s.Name == name).ToList();

    public double Last(string name) => Named(name)[^1].Value;

    private sealed class RecordingAppender(RecordingStorage storage) : IAppender
    {
        private readonly List<Appended> _pending = [];

        public AppendStatus Append(LabelSet labels, long timestamp, double value)
        {
            var sample = new Appended(labels, timestamp, value);
            var status = storage.Answer(sample);
            if (status == AppendStatus.Ok)
            {
                _pending.Add(sample);
            }
            return status;
        }

        public void Commit()
        {
            lock (storage.Committed)
            {
                storage.Committed.AddRange(_pending);
                storage.Commits++;
                foreach (var waiter in storage._waiters.Where(w => w.Count <= storage.Commits))
                {
                    waiter.Done.TrySetResult();
                }
            }
            _pending.Clear();
        }

        public void Rollback()
        {
            storage.Rollbacks++;
            _pending.Clear();
        }
    }
}
