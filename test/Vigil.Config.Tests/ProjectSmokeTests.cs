namespace Vigil.Config.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Assembly_Loads_UnderItsName()
    {
        Assert.Equal("Vigil.Config", typeof(Vigil.Config.AssemblyMarker).Assembly.GetName().Name);
    }
}
