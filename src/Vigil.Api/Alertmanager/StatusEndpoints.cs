using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Alertmanager.Config;
using Vigil.Api.Metrics;

namespace Vigil.Api.Alertmanager;

/// <summary><c>/api/v2/status</c> and <c>/api/v2/receivers</c>.</summary>
public static class StatusEndpoints
{
    /// <summary>Maps the endpoints onto the <c>/api/v2</c> group.</summary>
    public static void Map(IEndpointRouteBuilder api, IAlertmanagerBackend backend, BuildInfo build)
    {
        api.MapGet("/status", ctx => ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            // Clustering is not implemented: say so rather than pretend to have peers.
            w.WriteStartObject("cluster");
            w.WriteStartArray("peers");
            w.WriteEndArray();
            w.WriteString("status", "disabled");
            w.WriteEndObject();
            w.WriteStartObject("config");
            w.WriteString("original", ConfigYaml.ToMaskedYaml(backend.Config));
            w.WriteEndObject();
            w.WriteString("uptime", GoTime.Format(backend.StartedAt));
            w.WriteStartObject("versionInfo");
            w.WriteString("branch", build.Branch);
            w.WriteString("buildDate", build.BuildDate);
            w.WriteString("buildUser", build.BuildUser);
            w.WriteString("goVersion", build.RuntimeVersion);
            w.WriteString("revision", build.Revision);
            w.WriteString("version", build.Version);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
        api.MapGet("/receivers", ctx => ApiResults.WriteJsonAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray();
            foreach (var receiver in backend.Config.Receivers)
            {
                ApiJsonWriter.WriteReceiverReference(w, receiver.Name);
            }
            w.WriteEndArray();
        }));
    }
}
