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
}
