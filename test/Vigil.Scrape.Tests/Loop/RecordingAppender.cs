using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Exemplars;

namespace Vigil.Scrape.Tests.Loop;

/// <summary>One committed sample.</summary>
internal sealed record Appended(LabelSet Labels, long Timestamp, double Value, FloatHistogram? Histogram = null)
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

    /// <summary>Appends that came with the handle this storage issued for those labels.</summary>
    public int HandleHits { get; private set; }

    /// <summary>Appends that came without a handle, or with one this storage did not issue for those labels.</summary>
    public int HandleMisses { get; private set; }

    private readonly Dictionary<LabelSet, (object Series, LabelSet Copy)> _handles = [];

    /// <summary>The copy of the labels this storage handed out with its handle (as a storage with its own copy does).</summary>
    public LabelSet StoredCopy(LabelSet labels)
    {
        lock (_handles)
        {
            return _handles[labels].Copy;
        }
    }

    public void ResetHandleCounts() => (HandleHits, HandleMisses) = (0, 0);

    /// <summary>Counts whether <paramref name="handle"/> is the one issued for <paramref name="labels"/>; then issues it.</summary>
    private void Track(ref SeriesRef handle, LabelSet labels)
    {
        lock (_handles)
        {
            if (!_handles.TryGetValue(labels, out var issued))
            {
                issued = (new object(), LabelSet.From(labels.AsSpan().ToArray()));
                _handles[labels] = issued;
            }
            if (ReferenceEquals(handle.Series, issued.Series))
            {
                HandleHits++;
            }
            else
            {
                HandleMisses++;
            }
            handle = new SeriesRef(issued.Series, issued.Copy);
        }
    }

    public IAppender Appender() => new RecordingAppender(this);

    /// <summary>What the storage answers for each sample (everything accepted unless a test says otherwise).</summary>
    public Func<Appended, AppendStatus> Answer { get; set; } = _ => AppendStatus.Ok;

    /// <summary>Committed exemplars with their series' labels, in append order.</summary>
    public List<(LabelSet Series, Exemplar Exemplar)> Exemplars { get; } = [];

    /// <summary>What the storage answers for each exemplar (everything accepted unless a test says otherwise).</summary>
    public Func<Exemplar, ExemplarStatus> ExemplarAnswer { get; set; } = _ => ExemplarStatus.Ok;

    public IReadOnlyList<Appended> Named(string name) => Committed.Where(s => s.Name == name).ToList();

    public double Last(string name) => Named(name)[^1].Value;

    private sealed class RecordingAppender(RecordingStorage storage) : IAppender
    {
        private readonly List<Appended> _pending = [];
        private readonly List<(LabelSet, Exemplar)> _pendingExemplars = [];

        public ExemplarStatus AppendExemplar(SeriesRef series, LabelSet labels, Exemplar exemplar)
        {
            var status = storage.ExemplarAnswer(exemplar);
            if (status == ExemplarStatus.Ok)
            {
                _pendingExemplars.Add((labels, exemplar));
            }
            return status;
        }

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

        public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestamp, double value)
        {
            storage.Track(ref series, labels);
            return Append(labels, timestamp, value);
        }

        public AppendStatus AppendHistogram(LabelSet labels, long timestamp, FloatHistogram histogram)
        {
            var sample = new Appended(labels, timestamp, double.NaN, histogram);
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
                storage.Exemplars.AddRange(_pendingExemplars);
                storage.Commits++;
                foreach (var waiter in storage._waiters.Where(w => w.Count <= storage.Commits))
                {
                    waiter.Done.TrySetResult();
                }
            }
            _pending.Clear();
            _pendingExemplars.Clear();
        }

        public void Rollback()
        {
            storage.Rollbacks++;
            _pending.Clear();
            _pendingExemplars.Clear();
        }
    }
}
