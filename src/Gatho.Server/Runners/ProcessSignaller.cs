using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Gatho.Server.Runners;

/// <summary>
/// Signals one child process without ever hitting another that reused its pid. On Linux it holds a pidfd, opened
/// while the child is provably unreaped, which names that process for as long as it is open — even after the runtime
/// has reaped the child and the kernel handed the number to someone else. Elsewhere (no pidfd) it falls back to
/// <c>kill(pid)</c> after the runtime's exit check, which leaves the race it always had.
/// </summary>
/// <remarks>
/// Issue 17, defect 13: the stopper used to check <see cref="Process.HasExited"/> and then call <c>kill(pid)</c>. The
/// runtime reaps children on its own SIGCHLD thread, so a child exiting between the two could be reaped and its pid
/// reused before the signal was sent. The descriptor is closed under the same lock that signals through it, so a
/// signal can never go to a descriptor number that was closed and reused either.
/// </remarks>
internal sealed class ProcessSignaller : IDisposable
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    // Same number on every Linux architecture .NET runs on (the syscall table was unified from 5.x on).
    private const long SysPidfdOpen = 434;
    private const long SysPidfdSendSignal = 424;
    private const int ESRCH = 3;

    private readonly object gate = new();
    private readonly Process process;
    private readonly int pid;
    private int pidfd = -1;
    private bool closed;

    private ProcessSignaller(Process process, int pid)
    {
        this.process = process;
        this.pid = pid;
    }

    /// <summary>True when signals go through a pidfd (no pid-reuse race).</summary>
    public bool HoldsPidfd
    {
        get
        {
            lock (gate)
            {
                return pidfd >= 0;
            }
        }
    }

    /// <summary>
    /// Takes hold of a just-started child. Call right after <see cref="Process.Start()"/>, before anything can dispose
    /// the process.
    /// </summary>
    public static ProcessSignaller Attach(Process process)
    {
        int pid;
        try
        {
            pid = process.Id;
        }
        catch (InvalidOperationException)
        {
            // It exited so fast that the exit handler already released the process: nothing to signal, ever.
            var gone = new ProcessSignaller(process, 0);
            gone.Dispose();
            return gone;
        }

        var signaller = new ProcessSignaller(process, pid);
        if (OperatingSystem.IsLinux())
        {
            signaller.OpenPidfd();
        }

        return signaller;
    }

    /// <summary>Sends <paramref name="signal"/> to the child; false when it has exited (nothing was signalled).</summary>
    public bool Signal(int signal)
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            if (pidfd >= 0)
            {
                if (PidfdSendSignal(SysPidfdSendSignal, pidfd, signal, IntPtr.Zero, 0) == 0)
                {
                    return true;
                }

                var errno = Marshal.GetLastPInvokeError();
                return errno == ESRCH ? false : throw new InvalidOperationException($"pidfd_send_signal({signal}) to child {pid} failed: errno {errno}");
            }

            // No pidfd: the runtime's own check, then the pid (the old race remains on these systems). Windows has no
            // SIGTERM: any stop there is a kill.
            if (process.HasExited)
            {
                return false;
            }

            if (OperatingSystem.IsWindows() || Kill(pid, signal) != 0)
            {
                process.Kill(entireProcessTree: true);
            }

            return true;
        }
    }

    /// <summary>The child has exited: no signal is sent from now on, and the descriptor is released.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            closed = true;
            if (pidfd >= 0)
            {
                Close(pidfd);
                pidfd = -1;
            }
        }
    }

    private void OpenPidfd()
    {
        lock (gate)
        {
            var fd = (int)PidfdOpen(SysPidfdOpen, pid, 0);
            if (fd < 0)
            {
                // ENOSYS (kernel before 5.3), or ESRCH: the child is already gone. Either way the fallback copes.
                return;
            }

            // Opened first, checked second: if the runtime has still not reaped the child now, it had not when the
            // descriptor was opened, so the pid still named our child then and the descriptor names it for good.
            bool exited;
            try
            {
                exited = process.HasExited;
            }
            catch (InvalidOperationException)
            {
                exited = true;
            }

            if (exited)
            {
                Close(fd);
                closed = true;
                return;
            }

            pidfd = fd;
        }
    }

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long PidfdOpen(long number, int pid, uint flags);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long PidfdSendSignal(long number, int pidfd, int signal, IntPtr info, uint flags);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
