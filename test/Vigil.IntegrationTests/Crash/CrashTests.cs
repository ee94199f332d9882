using Vigil.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests.Crash;

/// <summary><c>kill -9</c> at random moments, also while silence POSTs are in flight and while notifications go
/// out; after each restart on the same <c>--storage.path</c>: every silence answered 200 is there unchanged, no
/// unchanged group is notified again before repeat_interval, and start-up never fails (see <see cref="CrashLoop"/>).</summary>
[Collection(RunsAloneCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    /// <summary>Fixed, and printed: the same sequence of choices (burst sizes, kill delays) on every run.</summary>
    private const int Seed = 20261123;

    [Fact]
    public async Task KillNine_AtRandomMoments_KeepsAckedSilencesAndSendsNoDuplicate()
    {
        var outcome = await CrashLoop.RunAsync(AlertmanagerFlavor.Vigil, Seed, TimeSpan.FromSeconds(60));

        output.WriteLine(outcome.Summary);
        CiReport.Line("alertmanager crash test (vigil): " + outcome.Summary);
        Assert.True(outcome.SilenceProblems.Count == 0, "acknowledged silences lost or changed:\n" + string.Join('\n', outcome.SilenceProblems));
        Assert.True(outcome.Audit.Duplicates.Count == 0,
            "duplicate notifications:\n" + string.Join('\n', outcome.Audit.Duplicates) + "\n" + outcome.Deliveries);
    }

    /// <summary>INFORMATIONAL, never fails on what it finds: the same loop against the real Alertmanager 0.25,
    /// which snapshots silences and the notification log only periodically (every 15 minutes) and on a clean
    /// shutdown, so after <c>kill -9</c> it forgets acknowledged silences and notifies unchanged groups again.
    /// It prints the counts for comparison; it fails only if the loop itself could not run.</summary>
    [Fact]
    public async Task Informational_RealAlertmanagerKillNine_PrintsWhatItLoses()
    {
        var outcome = await CrashLoop.RunAsync(AlertmanagerFlavor.Real, Seed, TimeSpan.FromSeconds(15));

        output.WriteLine("INFORMATIONAL (not a requirement on Alertmanager): " + outcome.Summary);
        CiReport.Line("alertmanager crash test (real Alertmanager 0.25, informational): " + outcome.Summary);
        Assert.True(outcome.Audit.Notifications > 0, "the loop delivered nothing: the harness, not Alertmanager, is broken");
    }
}
