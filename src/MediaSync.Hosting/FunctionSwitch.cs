using MediaSync.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Hosting;

/// <summary>Reads <c>AzureWebJobs.&lt;Name&gt;.Disabled</c>.</summary>
internal static class FunctionSwitch
{
    public static bool IsDisabled(IConfiguration configuration, string functionName) =>
        bool.TryParse(configuration[FunctionsHostSettings.Disabled(functionName)], out bool disabled) && disabled;
}
