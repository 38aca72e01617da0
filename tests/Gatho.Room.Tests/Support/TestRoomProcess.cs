using System.Diagnostics;

namespace Gatho.Room.Tests.Support;

/// <summary>Starts <c>tests/Gatho.TestRoom</c> as a real child process with the environment a server would give it.</summary>
internal sealed class TestRoomProcess : IDisposable
{
    private TestRoomProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    /// <summary>The built TestRoom assembly, next to this test assembly's build output (same configuration and TFM).</summary>
    public static string AssemblyPath
    {
        get
        {
            var testsBin = AppContext.BaseDirectory;
            var marker = Path.DirectorySeparatorChar + "Gatho.Room.Tests" + Path.DirectorySeparatorChar;
            var index = testsBin.LastIndexOf(marker, StringComparison.Ordinal);
            var path = Path.Combine(testsBin[..index], "Gatho.TestRoom", testsBin[(index + marker.Length)..], "Gatho.TestRoom.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("TestRoom not built", path);
        }
    }

    public static TestRoomProcess Start(IReadOnlyDictionary<string, string> environment, string mode = "echo")
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(AssemblyPath);
        info.ArgumentList.Add(mode);
        foreach (var pair in environment)
        {
            info.Environment[pair.Key] = pair.Value;
        }

        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new TestRoomProcess(process);
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(WireClient.Patience);
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    public void Signal(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", new[] { "-" + signal, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
