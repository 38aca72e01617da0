using System.Globalization;

namespace Gatho.LoadTest.Measuring;

/// <summary>
/// CPU time and memory of a process on this machine, read from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime, in clock
/// ticks of 10 ms) and <c>/proc/&lt;pid&gt;/status</c> (VmRSS, VmHWM). Linux only; elsewhere, or for a process that is
/// gone, a reading is null.
/// </summary>
public static class ProcessSampler
{
    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>One reading of <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static ProcessReading? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after the name start at field 3 (state); utime is field 14, stime field 15.
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0;
            long hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kib(line);
                }
            }

            return new ProcessReading((utime + stime) / TicksPerSecond, rss, hwm, ContextSwitches(pid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// Voluntary plus involuntary context switches of every thread the process has now (threads that already exited
    /// are not counted). A message that hops between threads costs a switch per hop; this is how the tool sees it.
    /// </summary>
    private static long ContextSwitches(int pid)
    {
        long switches = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        switches += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread exited while we looked.
            }
        }

        return switches;
    }

    private static long Kib(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>A process's CPU seconds so far and its memory now.</summary>
/// <param name="CpuSeconds">User + system CPU time since the process started.</param>
/// <param name="RssKib">Resident set now, KiB.</param>
/// <param name="PeakRssKib">Highest resident set so far (VmHWM), KiB.</param>
/// <param name="ContextSwitches">Context switches of its live threads so far.</param>
public sealed record ProcessReading(double CpuSeconds, long RssKib, long PeakRssKib, long ContextSwitches);
