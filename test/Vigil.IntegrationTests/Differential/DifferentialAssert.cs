using System.Text;
using Xunit.Sdk;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Asserts that two sides of a differential run agree, with both delivery lists in the message.</summary>
public static class DifferentialAssert
{
    public static void Agree(Scenario scenario, SideResult reference, SideResult candidate)
    {
        var problems = new List<string>();
        if (reference.Deliveries.Count != scenario.ExpectedRequests)
        {
            problems.Add($"the reference ({reference.Name}) made {reference.Deliveries.Count} requests, the scenario expects " +
                $"{scenario.ExpectedRequests}: the scenario (or the harness) is wrong, not the candidate");
        }

        problems.AddRange(DeliveryComparer.Compare(reference.Deliveries, candidate.Deliveries));
        problems.AddRange(CompareStates(scenario, reference, candidate));
        if (problems.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"scenario '{scenario.Name}': {reference.Name} and {candidate.Name} disagree\n");
        problems.ForEach(p => message.AppendLine("* " + p));
        AppendSide(message, reference);
        AppendSide(message, candidate);
        throw new XunitException(message.ToString());
    }

    private static IEnumerable<string> CompareStates(Scenario scenario, SideResult reference, SideResult candidate)
    {
        foreach (var (snapshot, expected) in scenario.ExpectedStates)
        {
            var actual = reference.States.GetValueOrDefault(snapshot) ?? [];
            if (!actual.SequenceEqual(expected))
            {
                yield return $"the reference's alert states '{snapshot}' are not what the scenario expects: the scenario " +
                    $"(or the harness) is wrong, not the candidate\n  expected: {Lines(expected)}\n  actual:   {Lines(actual)}";
            }
        }

        foreach (var (snapshot, lines) in reference.States)
        {
            var other = candidate.States.GetValueOrDefault(snapshot) ?? [];
            if (!lines.SequenceEqual(other))
            {
                yield return $"alert states '{snapshot}' differ\n  {reference.Name}: {Lines(lines)}\n  {candidate.Name}: {Lines(other)}";
            }
        }
    }

    private static string Lines(IEnumerable<string> lines) => string.Join("\n            ", lines);

    private static void AppendSide(StringBuilder message, SideResult side)
    {
        message.AppendLine($"--- {side.Name} delivered ---");
        foreach (var delivery in side.Deliveries)
        {
            message.AppendLine(delivery.ToString());
        }

        message.AppendLine(side.Diagnostics);
    }
}
