using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Exemplars;
using Vigil.Tsdb.Tests.Wal;

namespace Vigil.Tsdb.Tests.Exemplars;

public sealed class HeadExemplarTests : IDisposable
{
    private static readonly LabelSet Series = LabelSet.Of("__name__", "requests_total", "job", "api");
    private static readonly IReadOnlyList<IReadOnlyList<Matcher>> All = [[new Matcher(MatcherType.Equal, "job", "api")]];
    private readonly TempDirectory _dir = new();
    private readonly ListLoggerFactory _log = new();

    public void Dispose() => _dir.Dispose();

    private static Exemplar Ex(long t, string trace = "abc") => new(LabelSet.Of("trace_id", trace), 1, t);

    private static List<Exemplar> Stored(TsdbStorage db) =>
        db.Head.Exemplars.SelectExemplars(long.MinValue, long.MaxValue, All).SelectMany(s => s.Exemplars).ToList();

    private TsdbStorage Open(long maxExemplars = 100) =>
        TsdbStorage.Open(new TsdbOptions { Path = _dir.Path, MaxExemplars = maxExemplars }, TimeProvider.System, _log);

    private static ExemplarStatus AppendWithSample(TsdbStorage db, long t, Exemplar exemplar, bool commit = true)
    {
        var app = db.Appender();
        var handle = SeriesRef.None;
        app.Append(ref handle, Series, t, 1);
        var status = app.AppendExemplar(handle, Series, exemplar);
        if (commit)
        {
            app.Commit();
        }
        else
        {
            app.Rollback();
        }
        return status;
    }

    [Fact]
    public void AppendExemplar_Committed_VisibleWithSeriesLabels()
    {
        using var db = Open();
        Assert.Equal(ExemplarStatus.Ok, AppendWithSample(db, 1000, Ex(900)));
        var found = Assert.Single(db.Head.Exemplars.SelectExemplars(0, 2000, All));
        Assert.Equal(Series, found.SeriesLabels);
        Assert.Equal(Ex(900), Assert.Single(found.Exemplars));
    }

    [Fact]
    public void AppendExemplar_RolledBack_NothingStored()
    {
        using var db = Open();
        AppendWithSample(db, 1000, Ex(900), commit: false);
        Assert.Empty(Stored(db));
    }

    [Fact]
    public void AppendExemplar_FeatureOff_DisabledAndDropped()
    {
        using var db = Open(maxExemplars: 0);
        Assert.Equal(ExemplarStatus.Disabled, AppendWithSample(db, 1000, Ex(900)));
        Assert.Empty(Stored(db));
    }

    [Fact]
    public void AppendExemplar_SeriesNeverAppended_UnknownSeries()
    {
        using var db = Open();
        var app = db.Appender();
        Assert.Equal(ExemplarStatus.UnknownSeries, app.AppendExemplar(SeriesRef.None, LabelSet.Of("__name__", "nope"), Ex(1)));
    }

    [Fact]
    public void AppendExemplar_OlderThanStored_OutOfOrderAtAppend()
    {
        using var db = Open();
        AppendWithSample(db, 1000, Ex(900));
        Assert.Equal(ExemplarStatus.OutOfOrder, AppendWithSample(db, 2000, Ex(800, "x")));
        Assert.Equal(ExemplarStatus.Duplicate, AppendWithSample(db, 3000, Ex(900)));
    }

    [Fact]
    public void Open_AfterCommits_ReplaysExemplarsFromWal()
    {
        using (var db = Open())
        {
            AppendWithSample(db, 1000, Ex(1000, "a"));
            AppendWithSample(db, 2000, Ex(2000, "b"));
        }
        using var reopened = Open();
        Assert.Equal(["a", "b"], Stored(reopened).Select(e => e.Labels.Get("trace_id")));
    }

    [Fact]
    public void Open_SmallerCapacityThanLogged_KeepsNewest()
    {
        using (var db = Open())
        {
            for (var t = 1; t <= 5; t++)
            {
                AppendWithSample(db, t * 1000, Ex(t * 1000, "t" + t));
            }
        }
        using var reopened = Open(maxExemplars: 2);
        Assert.Equal([4000L, 5000], Stored(reopened).Select(e => e.Timestamp));
    }

    [Fact]
    public void TruncateWal_Checkpoint_KeepsExemplarsFromMint()
    {
        using (var db = Open())
        {
            AppendWithSample(db, 1000, Ex(1000, "old"));
            AppendWithSample(db, 5000, Ex(5000, "new"));
            db.TruncateWal(2000);
        }
        using var reopened = Open();
        Assert.Equal(["new"], Stored(reopened).Select(e => e.Labels.Get("trace_id")));
    }
}
