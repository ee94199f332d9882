using Vigil.Model.Labels;
using Vigil.Storage.Exemplars;
using Vigil.Tsdb.Exemplars;

namespace Vigil.Tsdb.Tests.Exemplars;

public sealed class CircularExemplarStoreTests
{
    private static readonly LabelSet A = LabelSet.Of("__name__", "a_total");
    private static readonly LabelSet B = LabelSet.Of("__name__", "b_total");
    private static readonly IReadOnlyList<IReadOnlyList<Matcher>> All = [[new Matcher(MatcherType.Regexp, "__name__", ".+")]];

    private static Exemplar Ex(long t, double v = 1, string trace = "t") => new(LabelSet.Of("trace_id", trace), v, t);

    private static List<long> Times(CircularExemplarStore store, LabelSet series, long start = long.MinValue, long end = long.MaxValue) =>
        store.SelectExemplars(start, end, All).Where(s => s.SeriesLabels.Equals(series)).SelectMany(s => s.Exemplars).Select(e => e.Timestamp).ToList();

    [Fact]
    public void Add_ZeroCapacity_Disabled()
    {
        var store = new CircularExemplarStore(0);
        Assert.Equal(ExemplarStatus.Disabled, store.Add(A, Ex(1)));
        Assert.Empty(store.SelectExemplars(long.MinValue, long.MaxValue, All));
    }

    [Fact]
    public void Add_PastCapacity_OverwritesOldestAcrossSeries()
    {
        var store = new CircularExemplarStore(3);
        store.Add(A, Ex(1));
        store.Add(B, Ex(2));
        store.Add(A, Ex(3));
        store.Add(A, Ex(4));
        Assert.Equal([3L, 4], Times(store, A));
        Assert.Equal([2L], Times(store, B));
        store.Add(A, Ex(5));
        Assert.Empty(Times(store, B));
        Assert.Equal((3L, 1), (store.Count, store.SeriesCount));
        Assert.Equal(3, store.OldestTimestampSeconds * 1000);
    }

    [Fact]
    public void Add_OneSeriesWrapsManyTimes_KeepsNewestInOrder()
    {
        var store = new CircularExemplarStore(4);
        for (var t = 1; t <= 11; t++)
        {
            Assert.Equal(ExemplarStatus.Ok, store.Add(A, Ex(t, t)));
        }
        Assert.Equal([8L, 9, 10, 11], Times(store, A));
        Assert.Equal(11, store.AppendedTotal);
    }

    [Theory]
    [InlineData(5, 2.0, "t", ExemplarStatus.Duplicate)]
    [InlineData(4, 9.0, "t", ExemplarStatus.OutOfOrder)]
    [InlineData(5, 1.0, "t", ExemplarStatus.OutOfOrder)]
    [InlineData(5, 3.0, "t", ExemplarStatus.Ok)]
    [InlineData(5, 2.0, "u", ExemplarStatus.Ok)]
    [InlineData(5, 2.0, "a", ExemplarStatus.OutOfOrder)]
    [InlineData(6, 0.0, "t", ExemplarStatus.Ok)]
    public void Add_AgainstNewest_OrderAndDuplicates(long t, double v, string trace, ExemplarStatus expected)
    {
        var store = new CircularExemplarStore(10);
        store.Add(A, Ex(5, 2));
        Assert.Equal(expected, store.Add(A, Ex(t, v, trace)));
        Assert.Equal(expected == ExemplarStatus.OutOfOrder ? 1 : 0, store.OutOfOrderTotal);
    }

    [Fact]
    public void Validate_OutOfOrder_NotCounted()
    {
        var store = new CircularExemplarStore(10);
        store.Add(A, Ex(5));
        Assert.Equal(ExemplarStatus.OutOfOrder, store.Validate(A, Ex(4)));
        Assert.Equal(0, store.OutOfOrderTotal);
    }

    [Fact]
    public void Add_RepeatWithoutOwnTimestamps_DuplicateAtAnyTime()
    {
        var store = new CircularExemplarStore(10);
        store.Add(A, Ex(5) with { HasTimestamp = false });
        Assert.Equal(ExemplarStatus.Duplicate, store.Add(A, Ex(20) with { HasTimestamp = false }));
        Assert.Equal(ExemplarStatus.Ok, store.Add(A, Ex(20)));
    }

    [Theory]
    [InlineData(120, 8, ExemplarStatus.Ok)]
    [InlineData(121, 8, ExemplarStatus.LabelSetTooLong)]
    [InlineData(60, 68, ExemplarStatus.Ok)]
    public void Add_LabelLength_LimitIs128Characters(int valueLength, int nameLength, ExemplarStatus expected)
    {
        var store = new CircularExemplarStore(10);
        // Multi-byte characters count once: the limit is in characters, not bytes.
        var labels = LabelSet.Of(new string('n', nameLength), new string('é', valueLength));
        Assert.Equal(expected, store.Add(A, new Exemplar(labels, 1, 1)));
    }

    [Fact]
    public void SelectExemplars_Matchers_OnlyMatchingSeriesSorted()
    {
        var store = new CircularExemplarStore(10);
        store.Add(B, Ex(1));
        store.Add(A, Ex(2));
        var found = store.SelectExemplars(0, 10, [[new Matcher(MatcherType.Equal, "__name__", "b_total")], [new Matcher(MatcherType.Equal, "__name__", "a_total")]]);
        Assert.Equal([A, B], found.Select(s => s.SeriesLabels));
        Assert.Empty(store.SelectExemplars(0, 10, [[new Matcher(MatcherType.Equal, "__name__", "c_total")]]));
    }

    [Theory]
    [InlineData(2, 4, new long[] { 2, 3, 4 })]
    [InlineData(0, 1, new long[] { 1 })]
    [InlineData(6, 9, new long[0])]
    public void SelectExemplars_Range_Inclusive(long start, long end, long[] expected)
    {
        var store = new CircularExemplarStore(10);
        for (var t = 1; t <= 5; t++)
        {
            store.Add(A, Ex(t, t));
        }
        Assert.Equal(expected, Times(store, A, start, end));
    }

    [Theory]
    [InlineData(10, new long[] { 2, 3, 4, 5, 6 })]
    [InlineData(5, new long[] { 2, 3, 4, 5, 6 })]
    [InlineData(3, new long[] { 4, 5, 6 })]
    [InlineData(0, new long[0])]
    public void Resize_KeepsNewestThatFit(long capacity, long[] kept)
    {
        var store = new CircularExemplarStore(4);
        for (var t = 1; t <= 5; t++)
        {
            store.Add(t % 2 == 0 ? B : A, Ex(t, t));
        }
        store.Resize(5);
        store.Add(A, Ex(6));
        var migrated = store.Resize(capacity);
        Assert.Equal(capacity == 5 ? 0 : kept.Length, migrated);
        Assert.Equal(capacity, store.Capacity);
        Assert.Equal(kept, store.OldestFirst().Select(e => e.Exemplar.Timestamp));
        Assert.Equal(kept.Where(t => t is 2 or 4), Times(store, B));
    }

    [Fact]
    public void Resize_AfterGrowing_AppendsContinueInOrder()
    {
        var store = new CircularExemplarStore(2);
        store.Add(A, Ex(1));
        store.Add(A, Ex(2));
        store.Add(A, Ex(3));
        store.Resize(3);
        store.Add(A, Ex(4));
        store.Add(A, Ex(5));
        Assert.Equal([3L, 4, 5], Times(store, A));
        Assert.Equal(ExemplarStatus.OutOfOrder, store.Add(A, Ex(4, 9)));
    }
}
