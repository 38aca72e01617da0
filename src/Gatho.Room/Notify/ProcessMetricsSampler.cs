using System.Diagnostics;
using Gatho.Protocol.Notify;

namespace Gatho.Room.Notify;

/// <summary>
/// Process figures for heartbeats, in gatho's shape: CPU times in microseconds, memory in bytes; the "heap" figures
/// are the GC's committed bytes and the bytes in use on the managed heap.
/// </summary>
internal static class ProcessMetricsSampler
{
    public static ProcessMetrics Sample()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new ProcessMetrics(
            CpuSystem: process.PrivilegedProcessorTime.TotalMicroseconds,
            CpuUser: process.UserProcessorTime.TotalMicroseconds,
            MemoryHeapTotal: gc.TotalCommittedBytes,
            MemoryHeapUsed: GC.GetTotalMemory(forceFullCollection: false),
            MemoryRss: process.WorkingSet64);
    }
}
