using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PrometheusHost;
using Vigil.Rules.Evaluation;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus;

/// <summary><c>/api/v1/rules</c> and <c>/api/v1/alerts</c> rendered over and over while the group evaluates.</summary>
public sealed class RulesApiConcurrencyTests
{
    private const int Evaluations = 400;
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    // Even evaluations return 20 series, odd ones the first 10, all with the evaluation's number as value: a
    // consistent answer lists 10 or 20 alerts of one evaluation, and the rule's state agrees with its list.
    [Fact]
    public async Task RulesAndAlerts_RenderedDuringEvaluations_EachAnswerIsOneWholeEvaluation()
    {
        var context = new RuleContext { Query = (_, t) => Result((int)((t - T0.ToUnixTimeMilliseconds()) / 1000)) };
        var rule = new AlertingRule("Down", "up == 0", TimeSpan.Zero, TimeSpan.Zero, new Dictionary<string, string>(), new Dictionary<string, string>());
        var group = new RuleGroup(new RuleGroupOptions { Name = "g", Interval = TimeSpan.FromSeconds(1), Rules = [rule] }, new MemoryStorage(), context, null);
        IReadOnlyList<RuleGroup> groups = [group];
        var clock = new FakeTimeProvider(T0);
        var done = 0;
        var evaluate = Task.Run(() =>
        {
            try
            {
                for (var k = 1; k <= Evaluations; k++)
                {
                    group.Evaluate(T0.AddSeconds(k), clock);
                }
            }
            finally
            {
                Volatile.Write(ref done, 1);
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var problems = new List<string>();
            var reads = 0;
            while (Volatile.Read(ref done) == 0 || reads == 0)
            {
                reads++;
                var alerting = Render(RulesApi.Rules(groups)).GetProperty("groups")[0].GetProperty("rules")[0];
                problems.AddRange(Check(alerting.GetProperty("alerts"), alerting.GetProperty("state").GetString()));
                problems.AddRange(Check(Render(RulesApi.Alerts(groups)).GetProperty("alerts"), null));
            }
            return problems;
        })).ToArray();

        await evaluate;
        var found = (await Task.WhenAll(readers)).SelectMany(p => p).Distinct().Take(10).ToList();

        Assert.Empty(found);
    }

    private static IReadOnlyList<VectorSample> Result(int k) =>
    [
        .. Enumerable.Range(0, k % 2 == 0 ? 20 : 10)
            .Select(i => new VectorSample(LabelSet.Of("instance", $"i{i:00}"), T0.AddSeconds(k).ToUnixTimeMilliseconds(), k)),
    ];

    private static IEnumerable<string> Check(JsonElement alerts, string? state)
    {
        var values = alerts.EnumerateArray().Select(a => a.GetProperty("value").GetString()).Distinct().ToList();
        var count = alerts.GetArrayLength();
        if (values.Count > 1)
        {
            yield return $"one answer mixes evaluations: {string.Join(", ", values)}";
        }
        if (count is not (0 or 10 or 20))
        {
            yield return $"{count} alerts: part of an evaluation";
        }
        if (state is not null && state != (count == 0 ? "inactive" : "firing"))
        {
            yield return $"state {state} with {count} alerts";
        }
    }

    private static JsonElement Render(ApiResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            result.Data(w);
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }
}
