namespace Vigil.Tsdb.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Assembly_Loads_UnderItsName()
    {
        Assert.Equal("Vigil.Tsdb", typeof(Vigil.Tsdb.AssemblyMarker).Assembly.GetName().Name);
    }
}
