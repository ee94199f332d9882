namespace Vigil.Scrape.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Assembly_Loads_UnderItsName()
    {
        Assert.Equal("Vigil.Scrape", typeof(Vigil.Scrape.AssemblyMarker).Assembly.GetName().Name);
    }
}
