using System.Diagnostics;
using System.Globalization;

namespace Gatho.Integration.Tests.Support;

/// <summary>
/// <c>tests/Gatho.TestServer</c> as a child process: a whole deployment (memory driver, server, SDK) that created
/// echo rooms and reported their process ids, ready to be killed from outside.
/// </summary>
internal sealed class TestServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private TestServerProcess(Process process, IReadOnlyDictionary<string, OsProcess> rooms)
    {
        this.process = process;
        Rooms = rooms;
    }

    public int Pid => process.Id;

    /// <summary>The room processes it started, by room id.</summary>
    public IReadOnlyDictionary<string, OsProcess> Rooms { get; }

    public static async Task<TestServerProcess> StartAsync(string socketDirectory, int rooms)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add(AssemblyPath);
        info.ArgumentList.Add(Cluster.TestRoomPath);
        info.ArgumentList.Add(socketDirectory);
        info.ArgumentList.Add(rooms.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(info)!;
        var found = new Dictionary<string, OsProcess>();
        try
        {
            using var timeout = new CancellationTokenSource(Cluster.Patience);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && line != "READY")
            {
                var parts = line.Split(' ');
                if (parts is ["ROOM", var roomId, var pid])
                {
                    var room = RoomProcesses.Where(env => env.Contains("GATHO_ROOM_ID=" + roomId)).Single();
                    Assert.Equal(int.Parse(pid, CultureInfo.InvariantCulture), room.Pid);
                    found[roomId] = room;
                }
            }

            // Room processes inherit this pipe as their stdout: keep draining it so none of them can block on it.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            Assert.Equal(rooms, found.Count);
            return new TestServerProcess(process, found);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no drain, no cleanup, exactly what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        using var timeout = new CancellationTokenSource(Cluster.Patience);
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        RoomProcesses.KillAll(Rooms.Values);
        process.Dispose();
    }

    private static string AssemblyPath
    {
        get
        {
            var room = Cluster.TestRoomPath;
            var path = room.Replace("Gatho.TestRoom", "Gatho.TestServer", StringComparison.Ordinal);
            return File.Exists(path) ? path : throw new FileNotFoundException("TestServer not built", path);
        }
    }
}
