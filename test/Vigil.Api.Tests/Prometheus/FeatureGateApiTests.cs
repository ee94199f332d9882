using Vigil.Api.Prometheus;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using static Vigil.Api.Tests.Prometheus.ApiTestKit;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>The query API accepts experimental PromQL only when the server enables it (<c>--enable-feature</c>).</summary>
public sealed class FeatureGateApiTests
{
    private static TestBackend Backend(ParserOptions parser) =>
        new(engine: new EngineOptions { Timeout = Timeout.InfiniteTimeSpan, Parser = parser });

    private static ApiRequest Query(string query) => Request("query=" + Uri.EscapeDataString(query) + "&time=30");

    [Theory]
    [InlineData("sort_by_label(up, \"job\")", "invalid parameter \"query\": 1:1: parse error: function \"sort_by_label\" is not enabled; enable it with --enable-feature=promql-experimental-functions")]
    [InlineData("limitk(1, up)", "invalid parameter \"query\": 1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions")]
    public void Instant_GatedFunctionByDefault_BadDataNamingTheFlag(string query, string message)
    {
        var e = Error(() => QueryHandlers.Instant(Backend(ParserOptions.Default), Query(query), CancellationToken.None));

        Assert.Equal((ApiErrorType.BadData, message), (e.Type, e.Message));
    }

    [Fact]
    public void Instant_GatedFunctionWhenEnabled_Answers()
    {
        var result = QueryHandlers.Instant(Backend(new ParserOptions { ExperimentalFunctions = true }), Query("limitk(1, up)"), CancellationToken.None);

        Assert.Contains("\"resultType\":\"vector\"", Data(result), StringComparison.Ordinal);
    }

    [Fact]
    public void FormatAndParseQuery_UseTheServersOptions()
    {
        var request = Query("up + fill(0) down");

        Assert.Equal(ApiErrorType.BadData, Error(() => QueryHandlers.Format(request, ParserOptions.Default)).Type);
        Assert.Equal(ApiErrorType.BadData, Error(() => AstJson.Parse(request, ParserOptions.Default)).Type);
        Assert.Equal("\"up + fill(0) down\"", Data(QueryHandlers.Format(request, ParserOptions.AllEnabled)));
        Assert.Contains("\"binaryExpr\"", Data(AstJson.Parse(request, ParserOptions.AllEnabled)), StringComparison.Ordinal);
    }
}
