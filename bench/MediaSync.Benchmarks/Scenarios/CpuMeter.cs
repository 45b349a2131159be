using System.Diagnostics;
using System.Globalization;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// CPU seconds spent by this process and by the Azurite it started, from a start point: on a shared machine the wall
/// time says little on its own, the CPU says where the work went (Linux only; elsewhere the Azurite figure is n/a).
/// </summary>
internal sealed class CpuMeter
{
    private readonly int tablePort;
    private readonly TimeSpan ownAtStart;
    private readonly double? azuriteAtStart;

    private CpuMeter(int tablePort)
    {
        this.tablePort = tablePort;
        ownAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        azuriteAtStart = AzuriteCpuSeconds(tablePort);
    }

    public static CpuMeter Start(int azuriteTablePort) => new(azuriteTablePort);

    public string Note()
    {
        double own = (Process.GetCurrentProcess().TotalProcessorTime - ownAtStart).TotalSeconds;
        string azurite = AzuriteCpuSeconds(tablePort) is { } now && azuriteAtStart is { } start ? $"{now - start:0.00}s" : "n/a";
        return string.Create(CultureInfo.InvariantCulture, $"cpu: this process {own:0.00}s, Azurite {azurite}");
    }

    /// <summary>User + system seconds of the node process serving the table port, from /proc.</summary>
    private static double? AzuriteCpuSeconds(int tablePort)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        string portArgument = $"--tablePort {tablePort.ToString(CultureInfo.InvariantCulture)}";
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                string commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.StartsWith("node", StringComparison.Ordinal) && commandLine.Contains(portArgument, StringComparison.Ordinal))
                {
                    string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    return ticks / 100.0;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A process that ended while being read is not Azurite's.
            }
        }

        return null;
    }
}
