using System.Diagnostics;
using Gatho.Server.Runners;

namespace Gatho.Server.Tests.Runners;

/// <summary>
/// Issue 17, defect 13 (Subprocess): the stopper checked HasExited and then called kill(pid), while the runtime reaps
/// children on another thread; a pid reused in between would get the signal. Signals now go through a pidfd that names
/// the child itself. The race needs the kernel to reuse a pid within microseconds, so no test can make it happen;
/// these pin down the handle's behaviour instead.
/// </summary>
public sealed class ProcessSignallerTests
{
    [Fact]
    public async Task A_live_child_is_signalled_through_its_pidfd()
    {
        using var child = Start("sleep 30");
        using var signaller = ProcessSignaller.Attach(child);

        Assert.True(signaller.HoldsPidfd, "Linux 5.3+ gives a pidfd");
        Assert.True(signaller.Signal(ProcessSignaller.SigTerm));

        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(143, child.ExitCode);
    }

    [Fact]
    public async Task Once_the_child_is_reaped_its_pidfd_signals_nothing()
    {
        using var child = Start("sleep 30");
        using var signaller = ProcessSignaller.Attach(child);
        child.Kill();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // The pid may belong to anyone by now; the pidfd still names the dead child, so nothing is sent.
        Assert.True(child.HasExited);
        Assert.False(signaller.Signal(ProcessSignaller.SigTerm));
    }

    [Fact]
    public void After_the_exit_is_reported_no_signal_goes_out()
    {
        using var child = Start("sleep 30");
        var signaller = ProcessSignaller.Attach(child);

        signaller.Dispose();

        Assert.False(signaller.Signal(ProcessSignaller.SigKill));
        Assert.False(child.HasExited);
        child.Kill();
    }

    private static Process Start(string script)
    {
        var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exec " + script]))!;
        return process;
    }
}
