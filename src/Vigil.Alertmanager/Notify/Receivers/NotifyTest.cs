using System.Globalization;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Templates;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// The core of <c>vigil notify test</c>: sends a clearly marked test notification through every
/// integration of every receiver (or one), and prints what the far side answered and what that
/// means, so a revoked Slack webhook shows up now rather than when an alert needs it.
/// </summary>
public static partial class NotifyTest
{
    /// <summary>The alert name of the test notification.</summary>
    public const string AlertName = "VigilTestNotification";

    /// <summary>Tests with the given templates, clients and clock.</summary>
    /// <returns>0 when every integration accepted the test, 1 when any failed or the receiver does not exist.</returns>
    public static async Task<int> RunAsync(
        AlertmanagerConfig config,
        string? receiver,
        TextWriter output,
        ITemplateRenderer templates,
        IHttpClientProvider clients,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var receivers = Select(config, receiver, output);
        if (receivers is null)
        {
            return 1;
        }
        var factory = new ReceiverFactory(config.Global, templates, clients, time);
        var failed = 0;
        foreach (var r in receivers)
        {
            failed += await TestReceiverAsync(r, factory, output, time, cancellationToken);
        }
        output.WriteLine(failed == 0 ? "all integrations accepted the test notification" : $"{failed} integration(s) failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The test alert group for <paramref name="receiver"/>, firing at <paramref name="now"/>.</summary>
    public static NotificationInput TestInput(string receiver, DateTimeOffset now)
    {
        var alert = new Alert
        {
            Labels = LabelSet.Of(LabelName.AlertName, AlertName, "severity", "none", "receiver", receiver),
            Annotations = LabelSet.Of(
                "summary", "Test notification from Vigil",
                "title", "Test notification from Vigil",
                "description", $"This is a test sent by `vigil notify test` to check receiver {receiver}. No action is needed."),
            StartsAt = now,
            EndsAt = DateTimeOffset.MinValue,
            UpdatedAt = now,
        };
        var groupLabels = LabelSet.Of(LabelName.AlertName, AlertName);
        return new NotificationInput(receiver, "{}:" + groupLabels, groupLabels, [alert], now);
    }

    private static IReadOnlyList<ReceiverConfig>? Select(AlertmanagerConfig config, string? receiver, TextWriter output)
    {
        if (string.IsNullOrEmpty(receiver))
        {
            return config.Receivers;
        }
        var match = config.Receivers.Where(r => r.Name == receiver).ToList();
        if (match.Count == 0)
        {
            var names = string.Join(", ", config.Receivers.Select(r => r.Name));
            output.WriteLine($"no receiver named {GoString.Quote(receiver)}; the config has: {names}");
            return null;
        }
        return match;
    }

    private static async Task<int> TestReceiverAsync(ReceiverConfig receiver, ReceiverFactory factory, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        output.WriteLine($"receiver {receiver.Name}:");
        var integrations = factory.Build(receiver);
        if (integrations.Count == 0 && receiver.OtherIntegrations.Count == 0)
        {
            output.WriteLine("  no integrations: alerts routed here are dropped silently (that is fine for a 'null' receiver)");
        }
        foreach (var (kind, count) in receiver.OtherIntegrations)
        {
            output.WriteLine($"  {kind}: {count.ToString(CultureInfo.InvariantCulture)} not tested (Vigil does not deliver this kind yet)");
        }
        foreach (var note in Notes(receiver))
        {
            output.WriteLine("  note: " + note);
        }
        var failed = 0;
        foreach (var integration in integrations)
        {
            var answer = await integration.SendAsync(TestInput(receiver.Name, time.GetUtcNow()), cancellationToken);
            Print(output, integration, answer);
            failed += answer.Success ? 0 : 1;
        }
        return failed;
    }

    /// <summary>Things worth knowing before reading the answers, e.g. an empty Slack channel.</summary>
    public static IEnumerable<string> Notes(ReceiverConfig receiver)
    {
        for (var i = 0; i < receiver.SlackConfigs.Count; i++)
        {
            var c = receiver.SlackConfigs[i];
            if (c.Channel.Trim().Length > 0)
            {
                continue;
            }
            var index = i.ToString(CultureInfo.InvariantCulture);
            // An unquoted "channel: #monitoring" is a YAML comment, so the value silently ends up empty.
            yield return c.AppToken is { IsEmpty: false } || c.AppTokenFile.Length > 0
                ? $"slack_configs[{index}].channel is empty, but chat.postMessage needs one; if you wrote channel: #name, YAML read #name as a comment: quote it ('#name')"
                : $"slack_configs[{index}].channel is empty, so Slack posts to the webhook's default channel; if you wrote channel: #name, YAML read #name as a comment: quote it ('#name')";
        }
    }

    private static void Print(TextWriter output, IReceiverIntegration integration, DeliveryAnswer answer)
    {
        var status = answer.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer";
        var verdict = answer.Success ? "ok" : "FAILED";
        output.WriteLine($"  {integration.Kind}_configs[{integration.Index.ToString(CultureInfo.InvariantCulture)}]: {verdict} ({status})");
        if (answer.Answer.Length > 0)
        {
            output.WriteLine($"    answer:  {answer.Answer.ReplaceLineEndings(" ")}");
        }
        if (answer.Meaning.Length > 0)
        {
            output.WriteLine($"    meaning: {answer.Meaning}");
        }
        if (!answer.Success && answer.Retry)
        {
            var after = answer.RetryAfter is { } delay ? $" after {delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s" : "";
            output.WriteLine($"    a real notification would be retried{after}");
        }
    }
}
