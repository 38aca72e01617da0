using System.Globalization;
using System.Runtime.InteropServices;

namespace Gatho.Integration.Tests.Support;

/// <summary>A process seen in /proc; the start time tells it apart from a later process that reused its id.</summary>
internal readonly record struct OsProcess(int Pid, long StartTicks);

/// <summary>
/// Finds and signals room processes through /proc: a room process is recognised by the <c>GATHO_*</c> variables its
/// server gave it, so tests need no hook in the server to reach the real child.
/// </summary>
internal static class RoomProcesses
{
    public const int SigKill = 9;
    public const int SigStop = 19;

    /// <summary>The live process running <paramref name="roomId"/>, once it exists.</summary>
    public static async Task<OsProcess> FindAsync(string roomId)
    {
        OsProcess? found = null;
        await Wait.UntilAsync(() => (found = Where(env => env.Contains("GATHO_ROOM_ID=" + roomId)).FirstOrDefault()) is { Pid: > 0 }, $"the process of room {roomId}");
        return found!.Value;
    }

    /// <summary>Live processes whose environment block satisfies <paramref name="match"/> (one <c>NAME=value</c> per entry).</summary>
    public static IReadOnlyList<OsProcess> Where(Func<string[], bool> match)
    {
        var found = new List<OsProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (Stat(pid) is { } stat && stat.State is not ('Z' or 'X') && match(File.ReadAllText(Path.Combine(directory, "environ")).Split('\0')))
                {
                    found.Add(new OsProcess(pid, stat.StartTicks));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked, or not ours.
            }
        }

        return found;
    }

    /// <summary>True while the process runs (a zombie waiting for its parent counts as exited).</summary>
    public static bool IsAlive(OsProcess process) => Stat(process.Pid) is { } stat && stat.StartTicks == process.StartTicks && stat.State is not ('Z' or 'X');

    /// <summary>The process's parent, or null once it is gone.</summary>
    public static int? ParentOf(OsProcess process) => Stat(process.Pid) is { } stat && stat.StartTicks == process.StartTicks ? stat.ParentPid : null;

    /// <summary>The process's state letter (R, S, T for stopped, Z…), or null once it is gone.</summary>
    public static char? StateOf(OsProcess process) => Stat(process.Pid) is { } stat && stat.StartTicks == process.StartTicks ? stat.State : null;

    public static void Signal(OsProcess process, int signal)
    {
        if (IsAlive(process))
        {
            _ = SendSignal(process.Pid, signal);
        }
    }

    public static Task ExitedAsync(OsProcess process, string what, TimeSpan? patience = null) =>
        Wait.UntilAsync(() => !IsAlive(process), what, patience);

    /// <summary>SIGKILLs whatever a test left running (a failed test must not leak processes into the next).</summary>
    public static void KillAll(IEnumerable<OsProcess> processes)
    {
        foreach (var process in processes)
        {
            Signal(process, SigKill);
        }
    }

    private static (char State, int ParentPid, long StartTicks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");

            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
