using System.Diagnostics;

namespace Gatho.Benchmarks;

/// <summary>
/// The generator benchmark's two operations timed by the process's CPU time as well as the wall clock: on a machine
/// whose cores are shared with other jobs the wall clock mostly measures waiting for a core, the CPU time does not.
/// </summary>
internal static class GeneratorCpuTime
{
    public static int Run(int runs)
    {
        var bench = new GeneratorBenchmarks();
        bench.Setup();
        Measure("cold", runs, () => bench.Cold());
        Measure("cached after an unrelated edit", runs, () => bench.CachedAfterUnrelatedEdit());
        return 0;
    }

    /// <summary>
    /// Only the cached operation, <paramref name="runs"/> times back to back, for a profiler to attach to
    /// (<c>DOTNET_PerfMapEnabled=1 perf record -g</c>): which of its time is the generator's and which Roslyn's binding.
    /// </summary>
    public static int RunCachedOnly(int runs)
    {
        var bench = new GeneratorBenchmarks();
        bench.Setup();
        Measure("cached after an unrelated edit", runs, () => bench.CachedAfterUnrelatedEdit());
        return 0;
    }

    private static void Measure(string name, int runs, Func<int> operation)
    {
        operation();
        var cpu = new List<double>(runs);
        var wall = new List<double>(runs);
        var allocated = new List<long>(runs);
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            operation();
            clock.Stop();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - bytesBefore);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            wall.Add(clock.Elapsed.TotalMilliseconds);
        }

        cpu.Sort();
        wall.Sort();
        Console.WriteLine($"{name}: CPU median {cpu[runs / 2]:F0} ms (min {cpu[0]:F0}), wall median {wall[runs / 2]:F0} ms (min {wall[0]:F0}), allocated median {allocated.Order().ElementAt(runs / 2) / 1024.0 / 1024.0:F1} MiB, {runs} runs");
    }
}
