using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.Api.Hosting;

/// <summary>The Kestrel setup both web apps share: slim builder, our log provider, the listen addresses.</summary>
public static class WebHostBuilding
{
    /// <summary>Creates an application listening on <paramref name="options"/>' addresses, logging only through <paramref name="logging"/>.</summary>
    public static WebApplication Create(WebOptions options, ILoggerProvider logging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logging);
        // Framework chatter (request lines, hosting lifetime) is not part of the upstream log.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            foreach (var address in options.ListenAddresses)
            {
                foreach (var ip in address.Resolve())
                {
                    k.Listen(ip, address.Port);
                }
            }
        });
        return builder.Build();
    }
}
