using Microsoft.Extensions.Time.Testing;
using Vigil.Alertmanager.Silences;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Silences;

/// <summary>Builders for silence tests.</summary>
internal static class SilenceTestKit
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Epoch);

    /// <summary>A silence from matcher text such as <c>{alertname="X",env=~"p.*"}</c>, active from now for an hour.</summary>
    public static Silence S(string matchers, double startMinutes = 0, double endMinutes = 60) => new()
    {
        Matchers = MatcherParser.ParseList(matchers),
        StartsAt = Epoch.AddMinutes(startMinutes),
        EndsAt = Epoch.AddMinutes(endMinutes),
        CreatedBy = "me",
        Comment = "maintenance",
    };
}
