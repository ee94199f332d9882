using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>
/// The silences, with upstream's rules for creating, updating and expiring them. Every change is
/// recorded in the optional journal before the call returns, so a caller that answers 200
/// afterwards has made the silence durable. Thread-safe.
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
    /// </summary>
    /// <exception cref="SilenceNotFoundException">The id is given but unknown.</exception>
    /// <exception cref="InvalidSilenceException">The silence breaks a rule; the message says which.</exception>
    public string Set(Silence silence)
    {
        lock (_lock)
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
                return Store(updated);
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
                ExpireLocked(previous, now);
            }

            return Store(created);
        }
    }

    /// <summary>
    /// Expires a silence now (API DELETE): an active one ends now, a pending one starts and ends now.
    /// Returns false when it had already expired (upstream 0.25 answers 500 "silence ID already expired").
    /// </summary>
    /// <exception cref="SilenceNotFoundException">No silence has this id.</exception>
    public bool Expire(string id)
    {
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

            ExpireLocked(silence, now);
            return true;
        }
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

    private void ExpireLocked(Silence silence, DateTimeOffset now)
    {
        var start = silence.StateAt(now) == SilenceState.Pending ? now : silence.StartsAt;
        Store(silence with { StartsAt = start, EndsAt = now, UpdatedAt = now });
    }

    private string Store(Silence silence)
    {
        Check(silence);
        _journal?.Record(silence); // durable first: memory never holds what a crash would lose
        Put(silence);
        return silence.Id;
    }

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
