using System.Diagnostics;
using System.Text;
using Gatho.Client.Tests.Aot;

namespace Gatho.Client.Tests.Sessions;

/// <summary>
/// The first process of a restarting player: tests/Gatho.Client.SessionHarness, run with <c>dotnet</c>, joined to a
/// room, and killed (SIGKILL, by its pid) when the test says so. It reports the session the room issued last.
/// </summary>
internal sealed class SessionHarness : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder text;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? session;

    private SessionHarness(string seatUrl, int messages)
    {
        process = NativeSample.Start("dotnet", new[] { Path, seatUrl, messages.ToString(System.Globalization.CultureInfo.InvariantCulture) }, out text, OnLine);
    }

    /// <summary>The built harness (it is a project reference of this test project, so it is built first).</summary>
    public static string Path
    {
        get
        {
            var bin = AppContext.BaseDirectory;
            var marker = System.IO.Path.DirectorySeparatorChar + "Gatho.Client.Tests" + System.IO.Path.DirectorySeparatorChar;
            var index = bin.LastIndexOf(marker, StringComparison.Ordinal);
            var configuration = new DirectoryInfo(bin).Parent!.Name; // …/bin/<Configuration>/net10.0/
            var path = System.IO.Path.Combine(bin[..index], "Gatho.Client.SessionHarness", "bin", configuration, "net10.0", "Gatho.Client.SessionHarness.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("the session harness is not built", path);
        }
    }

    public int Pid => process.Id;

    public string Output => NativeSample.Text(text);

    /// <summary>Starts a harness joining with <paramref name="seatUrl"/> that sends <paramref name="messages"/> messages.</summary>
    public static SessionHarness Start(string seatUrl, int messages) => new(seatUrl, messages);

    /// <summary>Waits until the room echoed every message; returns the session string the harness holds then.</summary>
    public async Task<string> ReadyAsync()
    {
        var exited = process.WaitForExitAsync();
        await Task.WhenAny(ready.Task, exited).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(ready.Task.IsCompleted, $"the harness did not get ready:\n{Output}");
        return session ?? throw new InvalidOperationException($"the harness printed no session:\n{Output}");
    }

    /// <summary>SIGKILL, by pid: the process dies without a close handshake, as an app that crashes or is swiped away.</summary>
    public async Task KillAsync()
    {
        using (var byPid = Process.GetProcessById(Pid))
        {
            byPid.Kill();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void OnLine(string line)
    {
        if (line.StartsWith("SESSION ", StringComparison.Ordinal))
        {
            session = line["SESSION ".Length..];
        }
        else if (line == "READY")
        {
            ready.TrySetResult();
        }
    }
}
