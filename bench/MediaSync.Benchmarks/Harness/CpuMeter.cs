using System.Diagnostics;
using System.Globalization;

namespace MediaSync.Benchmarks.Harness;

/// <summary>
/// CPU time of this process and of one other process (the storage emulator), so a phase can be
/// charged to client and server separately. Under a loaded machine wall-clock rates swing with
/// other processes; CPU time per unit of work does not, and it says which side is the bottleneck.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int? otherPid;
    private readonly double ticksPerSecond;

    private CpuMeter(int? otherPid, double ticksPerSecond)
    {
        this.otherPid = otherPid;
        this.ticksPerSecond = ticksPerSecond;
    }

    /// <summary>Gets a value indicating whether the other process's CPU time can be read (Linux /proc).</summary>
    public bool SeesOther => otherPid is not null;

    /// <summary>
    /// Finds the other process by words of its command line (e.g. the emulator's script and its port);
    /// without /proc it measures this process only.
    /// </summary>
    public static CpuMeter ForProcessWith(params string[] commandLineWords)
    {
        int? found = null;
        if (Directory.Exists("/proc"))
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    continue;
                }

                string commandLine;
                try
                {
                    commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                // The watchdog shell carries the same words in its script text; the emulator itself is node.
                if (commandLine.StartsWith("node ", StringComparison.Ordinal) &&
                    commandLineWords.All(w => commandLine.Contains(w, StringComparison.Ordinal)))
                {
                    found = pid;
                    break;
                }
            }
        }

        // USER_HZ is 100 on every Linux the project runs on; /proc/<pid>/stat counts in it.
        return new CpuMeter(found, 100);
    }

    /// <summary>Takes a reading now.</summary>
    public Reading Read() => new(
        Stopwatch.GetTimestamp(),
        Environment.CpuUsage.TotalTime.TotalSeconds,
        OtherSeconds(),
        OtherMainThreadWaitSeconds(),
        GC.CollectionCount(0),
        GC.GetTotalAllocatedBytes(precise: false));

    private double OtherSeconds()
    {
        if (otherPid is not int pid)
        {
            return 0;
        }

        try
        {
            // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / ticksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// How long the other process's main thread (Azurite's JavaScript thread) was ready to run but
    /// waiting for a CPU: /proc/&lt;pid&gt;/schedstat, second field, in nanoseconds.
    /// </summary>
    private double OtherMainThreadWaitSeconds()
    {
        if (otherPid is not int pid)
        {
            return 0;
        }

        try
        {
            string[] fields = File.ReadAllText($"/proc/{pid}/schedstat").Split(' ');
            return long.Parse(fields[1], CultureInfo.InvariantCulture) / 1e9;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A point-in-time reading; subtract two to get a phase.</summary>
    internal readonly record struct Reading(
        long Timestamp, double OwnCpuSeconds, double OtherCpuSeconds, double OtherWaitSeconds, int Gen0Collections, long AllocatedBytes)
    {
        public static Phase operator -(Reading end, Reading start) => new(
            Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds,
            end.OwnCpuSeconds - start.OwnCpuSeconds,
            end.OtherCpuSeconds - start.OtherCpuSeconds,
            end.OtherWaitSeconds - start.OtherWaitSeconds,
            end.Gen0Collections - start.Gen0Collections,
            end.AllocatedBytes - start.AllocatedBytes);
    }

    /// <summary>
    /// What one phase cost: wall time, CPU of each process, how long the other's main thread waited for a
    /// CPU while ready to run, gen-0 collections and bytes allocated here.
    /// </summary>
    internal readonly record struct Phase(
        double Seconds, double OwnCpuSeconds, double OtherCpuSeconds, double OtherWaitSeconds, int Gen0Collections, long AllocatedBytes)
    {
        public static Phase operator +(Phase a, Phase b) => new(
            a.Seconds + b.Seconds,
            a.OwnCpuSeconds + b.OwnCpuSeconds,
            a.OtherCpuSeconds + b.OtherCpuSeconds,
            a.OtherWaitSeconds + b.OtherWaitSeconds,
            a.Gen0Collections + b.Gen0Collections,
            a.AllocatedBytes + b.AllocatedBytes);

        public string Describe(int units, string unit) => string.Create(
            CultureInfo.InvariantCulture,
            $"{Seconds:0.00}s wall, {units / Seconds:0} {unit}/s; CPU per {unit}: client {OwnCpuSeconds * 1e6 / units:0} µs, emulator {OtherCpuSeconds * 1e6 / units:0} µs; client {AllocatedBytes / (double)units / 1024:0.0} KiB allocated per {unit}, {Gen0Collections} gen-0 GCs");
    }
}
