using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>
/// The silences, with upstream's rules for creating, updating and expiring them. Every change is
/// recorded in the optional journal before the call returns (or its task completes), so a caller
/// that answers 200 afterwards has made the silence durable. A change is visible to readers from
/// the moment it is queued for the journal, and is undone if the journal fails to make it durable.
/// Thread-safe.
/// </summary>
public sealed class SilenceStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly SilenceIndex _index = new();
    private readonly TimeProvider _time;
    private readonly ISilenceJournal? _journal;

    /// <summary>Creates a store, recovering what the journal holds.</summary>
    /// <param name="time">The clock that decides states.</param>
    /// <param name="retention">How long expired silences are kept (<c>--data.retention</c>).</param>
    /// <param name="journal">Where changes are made durable; null keeps them in memory only.</param>
    public SilenceStore(TimeProvider time, TimeSpan retention, ISilenceJournal? journal = null)
    {
        _time = time;
        Retention = retention;
        _journal = journal;
        foreach (var silence in journal?.Recover() ?? [])
        {
            Put(silence);
        }
    }

    /// <summary>How long an expired silence is kept before <see cref="CollectGarbage"/> drops it.</summary>
    public TimeSpan Retention { get; }

    /// <summary>Upstream's count and size limits; checked on every create and update.</summary>
    public SilenceLimits Limits { get; init; } = SilenceLimits.None;

    /// <summary>How many silences are held, in any state.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _silences.Count;
            }
        }
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// Creates a silence (empty id) or updates one by id, returning the id it is stored under.
    /// As upstream: an update that would rewrite history (changed matchers, a moved start of an
    /// active silence, an end in the past, or any change to an expired one) expires the old
    /// silence and creates a new one with a new id; a start in the past becomes now.
    /// Blocks until the change is durable; prefer <see cref="SetAsync"/> on request paths.
    /// </summary>
    /// <exception cref="SilenceNotFoundException">The id is given but unknown.</exception>
    /// <exception cref="InvalidSilenceException">The silence breaks a rule; the message says which.</exception>
    /// <exception cref="IOException">The journal could not make the change durable; it was undone.</exception>
    public string Set(Silence silence) => SetAsync(silence).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Set"/>, completing once the change is durable. Concurrent calls share the
    /// journal's write and fsync (group commit).
    /// </summary>
    /// <exception cref="SilenceNotFoundException">The id is given but unknown.</exception>
    /// <exception cref="InvalidSilenceException">The silence breaks a rule; the message says which.</exception>
    /// <exception cref="IOException">The journal could not make the change durable; it was undone.</exception>
    public async Task<string> SetAsync(Silence silence)
    {
        var changes = new List<Change>(2);
        string id;
        lock (_lock)
        {
            id = SetLocked(silence, changes);
        }

        await CommitAsync(changes);
        return id;
    }

    /// <summary>
    /// Expires a silence now (API DELETE): an active one ends now, a pending one starts and ends now.
    /// Returns false when it had already expired (upstream 0.25 answers 500 "silence ID already expired").
    /// Blocks until the change is durable; prefer <see cref="ExpireAsync"/> on request paths.
    /// </summary>
    /// <exception cref="SilenceNotFoundException">No silence has this id.</exception>
    /// <exception cref="IOException">The journal could not make the change durable; it was undone.</exception>
    public bool Expire(string id) => ExpireAsync(id).GetAwaiter().GetResult();

    /// <summary>As <see cref="Expire"/>, completing once the change is durable.</summary>
    /// <exception cref="SilenceNotFoundException">No silence has this id.</exception>
    /// <exception cref="IOException">The journal could not make the change durable; it was undone.</exception>
    public async Task<bool> ExpireAsync(string id)
    {
        var changes = new List<Change>(1);
        lock (_lock)
        {
            if (!_silences.TryGetValue(id, out var silence))
            {
                throw new SilenceNotFoundException(id);
            }

            var now = Now;
            if (silence.StateAt(now) == SilenceState.Expired)
            {
                return false;
            }

            ExpireLocked(silence, now, changes);
        }

        await CommitAsync(changes);
        return true;
    }

    private string SetLocked(Silence silence, List<Change> changes)
    {
        var now = Now;
        Silence? previous = null;
        if (silence.Id.Length > 0 && !_silences.TryGetValue(silence.Id, out previous))
        {
            throw new SilenceNotFoundException(silence.Id);
        }

        if (previous is not null && CanUpdate(previous, silence, now))
        {
            var updated = silence with { UpdatedAt = now };
            CheckSize(updated);
            return Store(updated, changes);
        }

        var created = silence with
        {
            Id = Guid.NewGuid().ToString(),
            StartsAt = silence.StartsAt < now ? now : silence.StartsAt,
            UpdatedAt = now,
        };
        Check(created);
        CheckCount();
        CheckSize(created);
        if (previous is not null && previous.StateAt(now) != SilenceState.Expired)
        {
            // Keep the old version as history rather than rewriting what it muted.
            ExpireLocked(previous, now, changes);
        }

        return Store(created, changes);
    }

    /// <summary>The silence with this id, or null.</summary>
    public Silence? Get(string id)
    {
        lock (_lock)
        {
            return _silences.GetValueOrDefault(id);
        }
    }

    /// <summary>The silences passing <paramref name="query"/>, in no particular order.</summary>
    public IReadOnlyList<Silence> Query(SilenceQuery query)
    {
        lock (_lock)
        {
            var now = Now;
            return [.. _silences.Values.Where(s => query.Accepts(s, now))];
        }
    }

    /// <summary>The ids (sorted) of the active silences that mute an alert with these labels.</summary>
    public IReadOnlyList<string> Mutes(LabelSet labels)
    {
        lock (_lock)
        {
            var now = Now;
            var ids = new List<string>();
            foreach (var id in _index.Candidates(labels))
            {
                var s = _silences[id];
                if (s.StateAt(now) == SilenceState.Active && s.Matches(labels))
                {
                    ids.Add(id);
                }
            }

            ids.Sort(StringComparer.Ordinal);
            return ids;
        }
    }

    /// <summary>
    /// Drops silences that ended more than <see cref="Retention"/> ago and compacts the journal;
    /// returns how many were dropped. Call periodically (upstream: every 15 minutes).
    /// </summary>
    public int CollectGarbage()
    {
        lock (_lock)
        {
            var cutoff = Now - Retention;
            var old = _silences.Values.Where(s => s.EndsAt < cutoff).ToList();
            foreach (var s in old)
            {
                _silences.Remove(s.Id);
                _index.Remove(s);
            }

            _journal?.Compact([.. _silences.Values]);
            return old.Count;
        }
    }

    // Upstream's canUpdate: only changes that keep the silencing history true are made in place.
    private static bool CanUpdate(Silence previous, Silence next, DateTimeOffset now)
    {
        if (!previous.SameMatchers(next))
        {
            return false;
        }

        return previous.StateAt(now) switch
        {
            SilenceState.Active => previous.StartsAt.ToUnixTimeSeconds() == next.StartsAt.ToUnixTimeSeconds() && next.EndsAt >= now,
            SilenceState.Pending => next.StartsAt >= now,
            _ => false,
        };
    }

    private static void Check(Silence silence)
    {
        if (SilenceValidation.Validate(silence) is { } error)
        {
            throw new InvalidSilenceException($"silence invalid: {error}");
        }
    }

    // Upstream counts every silence held, expired ones included, before making room for a new id.
    private void CheckCount()
    {
        if (Limits.MaxSilences > 0 && _silences.Count + 1 > Limits.MaxSilences)
        {
            throw new InvalidSilenceException($"exceeded maximum number of silences: {_silences.Count} (limit: {Limits.MaxSilences})");
        }
    }

    private void CheckSize(Silence silence)
    {
        if (Limits.MaxSilenceSizeBytes <= 0)
        {
            return;
        }

        var size = SilenceWireSize.Of(silence, Retention);
        if (size > Limits.MaxSilenceSizeBytes)
        {
            throw new InvalidSilenceException($"silence exceeded maximum size: {size} bytes (limit: {Limits.MaxSilenceSizeBytes} bytes)");
        }
    }

    private void ExpireLocked(Silence silence, DateTimeOffset now, List<Change> changes)
    {
        var start = silence.StateAt(now) == SilenceState.Pending ? now : silence.StartsAt;
        Store(silence with { StartsAt = start, EndsAt = now, UpdatedAt = now }, changes);
    }

    // Queues the journal record and applies the change in memory under the same lock, so the
    // journal's order is the order of application and replay (latest per id) rebuilds this state.
    // The caller answers only after CommitAsync, so nothing is acknowledged before it is durable.
    private string Store(Silence silence, List<Change> changes)
    {
        Check(silence);
        var durable = _journal?.RecordAsync(silence) ?? Task.CompletedTask;
        var previous = _silences.GetValueOrDefault(silence.Id);
        Put(silence);
        changes.Add(new Change(previous, silence, durable));
        return silence.Id;
    }

    // Waits (outside the lock, so other writers can join the same fsync) until every change is
    // durable; if any is not, undoes all of them that are still current, newest first.
    private async Task CommitAsync(List<Change> changes)
    {
        try
        {
            await Task.WhenAll(changes.Select(c => c.Durable));
        }
        catch (IOException)
        {
            lock (_lock)
            {
                for (var i = changes.Count - 1; i >= 0; i--)
                {
                    Undo(changes[i]);
                }
            }

            throw;
        }
    }

    // Only a version nobody has replaced since is undone; a later change owns the id by then.
    private void Undo(Change change)
    {
        if (!_silences.TryGetValue(change.Applied.Id, out var current) || !ReferenceEquals(current, change.Applied))
        {
            return;
        }

        if (change.Previous is null)
        {
            _silences.Remove(change.Applied.Id);
            _index.Remove(change.Applied);
        }
        else
        {
            Put(change.Previous);
        }
    }

    private sealed record Change(Silence? Previous, Silence Applied, Task Durable);

    private void Put(Silence silence)
    {
        if (_silences.Remove(silence.Id, out var old))
        {
            _index.Remove(old);
        }

        _silences[silence.Id] = silence;
        _index.Add(silence);
    }
}
