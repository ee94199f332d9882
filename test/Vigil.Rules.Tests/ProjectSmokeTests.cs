namespace Vigil.Rules.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Assembly_Loads_UnderItsName()
    {
        Assert.Equal("Vigil.Rules", typeof(Vigil.Rules.AssemblyMarker).Assembly.GetName().Name);
    }
}
