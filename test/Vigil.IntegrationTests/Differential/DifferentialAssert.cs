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
