using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Crash;

/// <summary>What the crash test did so far: rounds, kills and when, recoveries reported in the log, the alerts
/// of each round (re-posted after every restart, as Prometheus re-sends firing alerts).</summary>
public sealed class CrashRun
{
    private readonly List<DateTimeOffset> _kills = [];
    private readonly List<DateTimeOffset> _roundStarts = [];
    private int _killsAmongWrites;
    private int _truncations;
    private long _verified;

    public int Rounds => _roundStarts.Count;

    /// <summary>When each killed process was seen gone: the last moment it could have sent anything.</summary>
    public IReadOnlyList<DateTimeOffset> Kills => _kills;

    /// <summary>Starts a round; returns its number (from 1).</summary>
    public int BeginRound()
    {
        _roundStarts.Add(DateTimeOffset.UtcNow);
        return _roundStarts.Count;
    }

    /// <summary>Counts the torn or corrupt tails the server reported truncating while starting.</summary>
    public void Started(string startupOutput) =>
        _truncations += startupOutput.Split('\n').Count(line => line.Contains("truncated", StringComparison.Ordinal));

    public void Verified(int silences) => _verified += silences;

    public void Killed(bool amongWrites)
    {
        _kills.Add(DateTimeOffset.UtcNow);
        _killsAmongWrites += amongWrites ? 1 : 0;
    }

    /// <summary>Two alerts per round, each round its own group; the start times stay those of the first post.</summary>
    public JsonArray AlertsUpTo(int round)
    {
        var alerts = new JsonArray();
        for (var r = 1; r <= round; r++)
        {
            foreach (var instance in new[] { "a", "b" })
            {
                alerts.Add(AlertJson.Alert(["alertname=Crash", $"round={r}", $"instance={instance}"], startsAt: _roundStarts[r - 1]));
            }
        }

        return alerts;
    }

    public string Summary(AlertmanagerFlavor flavor, int seed, SilenceLedger silences, DeliveryAudit.Outcome audit) =>
        $"crash test ({flavor}): seed={seed} rounds={Rounds} kills={_kills.Count} (among silence writes: {_killsAmongWrites}) " +
        $"silences acked={silences.Acked} unanswered-at-kill={silences.Unanswered} " +
        $"verified-after-restart={_verified} lost-or-changed={silences.Lost} " +
        $"notifications={audit.Notifications} resent-after-unlogged-send={audit.ResentAfterUnloggedSend} " +
        $"duplicates={audit.Duplicates.Count} truncated-tails={_truncations}";
}
