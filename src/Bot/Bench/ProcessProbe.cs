using System.Diagnostics;

namespace Bot.Bench;

/// <summary>The process's resident memory (now, and the high-water mark since start or the last reset) and CPU time.</summary>
public static class ProcessProbe
{
    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// Collects garbage and resets the kernel's peak (VmHWM) so that what a benchmark built before
    /// measuring does not count in its peak. Linux only (writing 5 to clear_refs, since 4.0).
    /// </summary>
    /// <returns>Whether the peak was reset; when false the peak still includes everything before.</returns>
    public static bool ResetPeak()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }
}
