using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Templates;

namespace Vigil.Alertmanager.Notify.Receivers;

public static partial class NotifyTest
{
    /// <summary>Tests with the config's templates, real HTTP clients and the system clock.</summary>
    /// <returns>0 when every integration accepted the test, 1 when any failed or the receiver does not exist.</returns>
    public static Task<int> RunAsync(AlertmanagerConfig config, string? receiver, TextWriter output, CancellationToken cancellationToken)
    {
        NotificationTemplates templates;
        try
        {
            templates = NotificationTemplates.Load(config.Templates, externalUrl: "", TimeProvider.System);
        }
        catch (NotificationTemplateException ex)
        {
            output.WriteLine($"templates: {ex.Message}");
            return Task.FromResult(1);
        }
        return RunAsync(config, receiver, output, templates, HttpClientBuilder.Default, TimeProvider.System, cancellationToken);
    }
}
