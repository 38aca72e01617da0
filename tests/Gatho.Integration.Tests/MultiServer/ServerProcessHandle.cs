using System.Collections.Concurrent;
using System.Diagnostics;
using Gatho.Integration.Tests.Support;

namespace Gatho.Integration.Tests.MultiServer;

/// <summary>
/// One <c>Gatho.TestServer server</c> child process: a server and nothing else, with its rooms' notify sockets in a
/// directory of its own, so its room processes can be told apart from the other servers' through /proc.
/// </summary>
internal sealed class ServerProcessHandle : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcessHandle(Process process, string socketDirectory)
    {
        this.process = process;
        SocketDirectory = socketDirectory;
    }

    public string ServerId { get; private set; } = string.Empty;

    public string SocketDirectory { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Completes when the process printed STOPPED (a graceful drain finished).</summary>
    public Task Stopped => stopped.Task;

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string RecentOutput => string.Join(Environment.NewLine, output);

    public static async Task<ServerProcessHandle> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var socketDirectory = Directory.CreateTempSubdirectory("gms-").FullName;
        var info = TestServerCommand.Create("server", Cluster.TestRoomPath, socketDirectory);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var handle = new ServerProcessHandle(Process.Start(info)!, socketDirectory);
        var registered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        handle.process.OutputDataReceived += (_, line) => handle.OnLine(line.Data, registered);
        handle.process.ErrorDataReceived += (_, line) => handle.Remember(line.Data);
        handle.process.BeginOutputReadLine();
        handle.process.BeginErrorReadLine();
        try
        {
            handle.ServerId = await registered.Task.WaitAsync(Cluster.Patience);
        }
        catch
        {
            await handle.DisposeAsync();
            throw;
        }

        return handle;
    }

    /// <summary>The room processes this server started that still run.</summary>
    public IReadOnlyList<OsProcess> LiveRoomProcesses() =>
        RoomProcesses.Where(env => env.Any(v => v.StartsWith("GATHO_NOTIFY_SOCKET=uds:" + SocketDirectory + "/", StringComparison.Ordinal)));

    /// <summary>SIGKILL: no drain, no unregister — a crash.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(Cluster.Patience);
    }

    /// <summary>SIGTERM: the server drains gracefully and exits.</summary>
    public void Terminate() => _ = SendSignal(process.Id, SigTerm);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(Cluster.Patience);
        }

        RoomProcesses.KillAll(LiveRoomProcesses());
        process.Dispose();
        try
        {
            Directory.Delete(SocketDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void OnLine(string? line, TaskCompletionSource<string> registered)
    {
        Remember(line);
        switch (line?.Split(' '))
        {
            case ["SERVER", var serverId, _]:
                registered.TrySetResult(serverId);
                break;
            case ["STOPPED"]:
                stopped.TrySetResult();
                break;
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 100)
        {
            output.TryDequeue(out _);
        }
    }
}
