using Vigil.Alertmanager.Silences;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Silences.SilenceTestKit;

namespace Vigil.Alertmanager.Tests.Silences;

public sealed class SilenceStoreConcurrencyTests
{
    [Fact]
    public void SetAndMutes_Parallel_ConsistentCount()
    {
        var store = new SilenceStore(Clock(), TimeSpan.FromHours(1));
        var labels = LabelSet.Of("team", "a");
        Parallel.For(0, 200, i =>
        {
            store.Set(S($"{{team=\"a\",n!=\"x{i}\"}}"));
            _ = store.Mutes(labels);
        });
        Assert.Equal(200, store.Mutes(labels).Count);
    }
}
