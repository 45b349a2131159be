using Microsoft.Extensions.Configuration;

namespace MediaSync.Hosting.Configuration;

/// <summary>Adds the Azure Functions configuration files to an <see cref="IConfigurationBuilder"/>.</summary>
public static class FunctionsConfigurationExtensions
{
    /// <summary>
    /// Adds host.json (under <c>AzureFunctionsJobHost</c>, plus <c>logging.logLevel</c> as <c>Logging:LogLevel</c>),
    /// then local.settings.json <c>Values</c>, then environment variables again so that a real environment variable
    /// beats both files, as in Functions. Both files are optional; a malformed one throws
    /// <see cref="FunctionsConfigurationException"/> naming the file and position.
    /// </summary>
    /// <param name="configuration">The configuration to extend.</param>
    /// <param name="contentRoot">The folder holding host.json and local.settings.json.</param>
    /// <returns>The same builder.</returns>
    public static IConfigurationBuilder AddFunctionsConfiguration(this IConfigurationBuilder configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(contentRoot);

        configuration.AddInMemoryCollection(HostJsonReader.Read(contentRoot));
        configuration.AddInMemoryCollection(LocalSettingsReader.Read(contentRoot));
        configuration.AddEnvironmentVariables();
        return configuration;
    }
}
