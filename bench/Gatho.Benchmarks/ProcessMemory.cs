using System.Globalization;

namespace Gatho.Benchmarks;

/// <summary>
/// One process's memory from <c>/proc/&lt;pid&gt;/smaps_rollup</c>. RSS counts every resident page, including the
/// runtime's and the framework's mapped files that all room processes share; <see cref="PrivateKb"/> (pages only
/// this process maps) is what one more room really costs, and <see cref="PssKb"/> splits shared pages evenly.
/// </summary>
internal readonly record struct ProcessMemory(long RssKb, long PssKb, long PrivateKb, long AnonymousKb)
{
    public static ProcessMemory Read(int pid)
    {
        long rss = 0, pss = 0, privateClean = 0, privateDirty = 0, anonymous = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                continue;
            }

            switch (parts[0])
            {
                case "Rss:": rss = kb; break;
                case "Pss:": pss = kb; break;
                case "Private_Clean:": privateClean = kb; break;
                case "Private_Dirty:": privateDirty = kb; break;
                case "Anonymous:": anonymous = kb; break;
            }
        }

        return new ProcessMemory(rss, pss, privateClean + privateDirty, anonymous);
    }

    /// <summary>The machine's <c>MemAvailable</c> in KiB: a cross-check on the per-process figures.</summary>
    public static long AvailableKb()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>"RSS p50 …, PSS p50 …, private p50 … MiB" over several processes.</summary>
    public static string Summary(IReadOnlyCollection<ProcessMemory> readings)
    {
        string P50(Func<ProcessMemory, long> pick) =>
            (RoomStartup.Percentile(readings.Select(r => (double)pick(r)).ToList(), 50) / 1024).ToString("F1", CultureInfo.InvariantCulture);

        return $"RSS p50 {P50(r => r.RssKb)} MiB (max {readings.Max(r => r.RssKb) / 1024.0:F1}), " +
            $"PSS p50 {P50(r => r.PssKb)} MiB, private p50 {P50(r => r.PrivateKb)} MiB (anonymous {P50(r => r.AnonymousKb)} MiB)";
    }
}
