using Microsoft.Extensions.Time.Testing;
using Vigil.Storage.Pooling;

namespace Vigil.Tsdb.Tests.Pooling;

public sealed class BoundedPoolTests
{
    private static BoundedPool<List<int>> NewPool(int maxKept = 2) =>
        new(maxKept, () => [], list => list.Capacity <= 100, list => list.Clear());

    [Fact]
    public void Rent_AfterReturn_GivesTheSameObjectBackEmptied()
    {
        var pool = NewPool();
        var list = pool.Rent();
        list.AddRange([1, 2, 3]);

        pool.Return(list);
        var again = pool.Rent();

        Assert.Same(list, again);
        Assert.Empty(again);
    }

    [Fact]
    public void Return_RejectedByKeep_IsNotKept()
    {
        var pool = NewPool();
        var big = new List<int>(1000);

        pool.Return(big);

        Assert.NotSame(big, pool.Rent());
    }

    [Fact]
    public void Return_MoreThanMaxKept_KeepsOnlyMaxKept()
    {
        var pool = NewPool(maxKept: 1);
        var first = pool.Rent();
        var second = pool.Rent();

        pool.Return(first);
        pool.Return(second);

        Assert.Same(first, pool.Rent());
        var fresh = pool.Rent();
        Assert.NotSame(first, fresh);
        Assert.NotSame(second, fresh);
    }

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);

    private static BoundedPool<List<int>> NewIdlePool(FakeTimeProvider clock, List<int> released) =>
        new(2, () => [], list => list.Capacity <= 100, list => list.Clear(), clock, Idle, released.Add);

    [Fact]
    public void Return_ThenIdleForThePeriod_KeptObjectsReleased()
    {
        var clock = new FakeTimeProvider();
        var released = new List<int>();
        var pool = NewIdlePool(clock, released);
        var first = pool.Rent();
        var second = pool.Rent();
        pool.Return(first);
        pool.Return(second);

        clock.Advance(Idle);

        Assert.Equal(0, pool.KeptCount);
        Assert.Equal([2], released);
        Assert.NotSame(first, pool.Rent());
    }

    [Fact]
    public void Rent_WithinThePeriod_PostponesTheRelease()
    {
        var clock = new FakeTimeProvider();
        var released = new List<int>();
        var pool = NewIdlePool(clock, released);
        pool.Return(pool.Rent());

        clock.Advance(Idle / 2);
        var list = pool.Rent();
        pool.Return(list);
        clock.Advance(Idle / 2);
        // A full period since the timer was set, but only half of one since the last use.
        Assert.Equal(1, pool.KeptCount);
        clock.Advance(Idle / 2);

        Assert.Equal(0, pool.KeptCount);
        Assert.Equal([1], released);
    }

    [Fact]
    public void Return_AfterARelease_KeptAgainAndReleasedAgain()
    {
        var clock = new FakeTimeProvider();
        var released = new List<int>();
        var pool = NewIdlePool(clock, released);
        pool.Return(pool.Rent());
        clock.Advance(Idle);

        var list = pool.Rent();
        pool.Return(list);
        Assert.Same(list, pool.Rent());
        pool.Return(list);
        clock.Advance(Idle);

        Assert.Equal([1, 1], released);
        Assert.Equal(0, pool.KeptCount);
    }

    [Fact]
    public void Rent_EverythingRentedWhenTheTimerFires_NothingToReport()
    {
        var clock = new FakeTimeProvider();
        var released = new List<int>();
        var pool = NewIdlePool(clock, released);
        pool.Return(pool.Rent());
        var held = pool.Rent();

        clock.Advance(Idle * 3);

        Assert.Empty(released);
        pool.Return(held);
        Assert.Equal(1, pool.KeptCount);
    }
}
